import type { IncomingMessage } from "node:http";
import aws4 from "aws4";
import { listenOnLoopback, readBody, sendJson, type Peer } from "./listen";

export type SigV4PeerOptions = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region: string;
  service: string;
};

function headersNamed(req: IncomingMessage, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, String(req.headers[name] ?? "")]));
}

/** Recomputes the signature with aws4 (an implementation independent of the signer under test). */
function recompute(
  req: IncomingMessage,
  body: string,
  options: SigV4PeerOptions,
): { given: string; expected: string } | { error: string } {
  const url = new URL(req.url ?? "/", "http://peer");
  const credentials = {
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    sessionToken: options.sessionToken,
  };
  const base = {
    method: req.method,
    host: req.headers.host,
    service: options.service,
    region: options.region,
    body,
  };
  const given = url.searchParams.get("X-Amz-Signature");
  if (given) {
    if (url.searchParams.get("X-Amz-Credential")?.split("/")[0] !== options.accessKeyId)
      return { error: "unknown access key" };
    url.searchParams.delete("X-Amz-Signature");
    const signed = (url.searchParams.get("X-Amz-SignedHeaders") ?? "host").split(";");
    const signer = new aws4.RequestSigner(
      { ...base, path: `${url.pathname}${url.search}`, signQuery: true, headers: headersNamed(req, signed) },
      credentials,
    );
    signer.prepareRequest();
    return { given, expected: signer.signature() };
  }
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/[^,]+, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)$/.exec(
      req.headers.authorization ?? "",
    );
  if (!match) return { error: "missing or malformed SigV4 Authorization header" };
  if (match[1] !== options.accessKeyId) return { error: "unknown access key" };
  const signer = new aws4.RequestSigner(
    { ...base, path: req.url, headers: headersNamed(req, match[2].split(";")), doNotModifyHeaders: true },
    credentials,
  );
  signer.prepareRequest();
  // With doNotModifyHeaders aws4 does not read the date header itself.
  Object.assign(signer, { datetime: String(req.headers["x-amz-date"] ?? "") });
  return { given: match[3], expected: signer.signature() };
}

/** An AWS-like endpoint that answers 200 only to requests correctly signed with SigV4. */
export function startSigV4Peer(options: SigV4PeerOptions): Promise<Peer> {
  return listenOnLoopback(async (req, res) => {
    const body = await readBody(req);
    const check = recompute(req, body, options);
    if ("error" in check) return sendJson(res, 403, { error: check.error });
    const tokenOk =
      !options.sessionToken ||
      (req.headers["x-amz-security-token"] ??
        new URL(req.url ?? "/", "http://p").searchParams.get("X-Amz-Security-Token")) ===
        options.sessionToken;
    if (check.given !== check.expected || !tokenOk)
      return sendJson(res, 403, { error: "SignatureDoesNotMatch" });
    sendJson(res, 200, {
      GetCallerIdentityResult: {
        Account: "123456789012",
        Arn: `arn:aws:iam::123456789012:user/${options.accessKeyId}`,
      },
    });
  });
}
