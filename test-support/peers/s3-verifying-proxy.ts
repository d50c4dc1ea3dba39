import { createHash, timingSafeEqual } from "node:crypto";
import http, { type IncomingMessage } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import aws4 from "aws4";
import S3rver from "s3rver";
import { listenOnLoopback, type Peer } from "./listen";

// s3rver 3.7.1 accepts any secret with SigV4 (it only knows the access key "S3RVER"), so this
// layer in front of it recomputes every signature with aws4 — an implementation independent
// of the AWS SDK under test — and answers 403 SignatureDoesNotMatch on a mismatch, as S3 does.

export const S3RVER_ACCESS_KEY_ID = "S3RVER";

export type S3PeerOptions = { secretAccessKey: string; region: string; buckets: string[] };
export type S3Peer = Peer & { requests: { method: string; path: string; verdict: "ok" | "refused" }[] };

function readRaw(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function s3Error(res: http.ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { "content-type": "application/xml" });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  );
}

const same = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Null when the request is signed correctly with the expected key and region; otherwise the S3 error. */
export function verifyS3Signature(
  req: IncomingMessage,
  body: Buffer,
  options: Pick<S3PeerOptions, "secretAccessKey" | "region">,
): { code: string; message: string } | null {
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      req.headers.authorization ?? "",
    );
  if (!match) return { code: "AccessDenied", message: "Missing or malformed SigV4 Authorization header." };
  const [, accessKeyId, , region, service, signedHeaders, given] = match;
  if (accessKeyId !== S3RVER_ACCESS_KEY_ID)
    return {
      code: "InvalidAccessKeyId",
      message: "The AWS access key ID you provided does not exist in our records.",
    };
  if (region !== options.region || service !== "s3")
    return {
      code: "AuthorizationHeaderMalformed",
      message: `The authorization header is malformed; the region '${region}' is wrong; expecting '${options.region}'.`,
    };
  const declared = String(req.headers["x-amz-content-sha256"] ?? "");
  if (declared !== "UNSIGNED-PAYLOAD" && declared !== createHash("sha256").update(body).digest("hex")) {
    return {
      code: "XAmzContentSHA256Mismatch",
      message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
    };
  }
  const headers = Object.fromEntries(
    signedHeaders.split(";").map((name) => [name, String(req.headers[name] ?? "")]),
  );
  const signer = new aws4.RequestSigner(
    {
      method: req.method,
      host: req.headers.host,
      path: req.url,
      service: "s3",
      region,
      headers,
      doNotModifyHeaders: true,
    },
    { accessKeyId, secretAccessKey: options.secretAccessKey },
  );
  signer.prepareRequest();
  // With doNotModifyHeaders aws4 does not read the date header itself.
  Object.assign(signer, { datetime: String(req.headers["x-amz-date"] ?? "") });
  const expected = signer.signature();
  return same(given, expected)
    ? null
    : {
        code: "SignatureDoesNotMatch",
        message:
          "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
      };
}

/** s3rver on loopback behind a SigV4-verifying proxy; only verified requests reach it. */
export async function startVerifiedS3(options: S3PeerOptions): Promise<S3Peer> {
  const directory = mkdtempSync(path.join(os.tmpdir(), "workbench-s3rver-"));
  const s3rver = new S3rver({
    port: 0,
    address: "127.0.0.1",
    silent: true,
    directory,
    configureBuckets: options.buckets.map((name) => ({ name })),
  });
  const { port } = await s3rver.run();
  const requests: S3Peer["requests"] = [];
  const proxy = await listenOnLoopback(async (req, res) => {
    const body = await readRaw(req);
    const refusal = verifyS3Signature(req, body, options);
    requests.push({ method: req.method ?? "", path: req.url ?? "", verdict: refusal ? "refused" : "ok" });
    if (refusal) return s3Error(res, 403, refusal.code, refusal.message);
    const upstream = http.request(
      { host: "127.0.0.1", port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => s3Error(res, 502, "BadGateway", "s3rver did not answer."));
    upstream.end(body);
  });
  return {
    url: proxy.url,
    requests,
    close: async () => {
      await proxy.close();
      await s3rver.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
