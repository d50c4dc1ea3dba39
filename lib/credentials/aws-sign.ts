import "server-only";
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";

type HttpRequest = Parameters<SignatureV4["presign"]>[0];
type Query = Record<string, string | string[]>;

/** A request as SigV4 sees it: the path as sent on the wire, the query decoded. */
export type AwsSigningInput = {
  method: string;
  protocol: "http:" | "https:";
  hostname: string;
  port?: number;
  path: string;
  query: Query;
  /** Must include `host`. */
  headers: Record<string, string>;
  body?: string;
};

export type AwsKeys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
export type AwsScope = { service: string; region: string };
export type AwsSignOptions = { date: Date; presign?: boolean; expiresInSeconds?: number };

export type AwsSigningResult = {
  headers: Record<string, string>;
  query: Query;
  canonicalRequest: string;
  stringToSign: string;
  credentialScope: string;
  signedHeaders: string[];
  signature: string;
};

/** SignatureV4 that keeps the canonical request and string to sign it computed, for the test panel. */
class InspectableSigner extends SignatureV4 {
  canonicalRequest = "";
  stringToSign = "";

  protected override createCanonicalRequest(
    request: HttpRequest,
    canonicalHeaders: Record<string, string>,
    payloadHash: string,
  ): string {
    this.canonicalRequest = super.createCanonicalRequest(request, canonicalHeaders, payloadHash);
    return this.canonicalRequest;
  }

  protected override async createStringToSign(
    longDate: string,
    scope: string,
    canonicalRequest: string,
    algorithm: string,
  ): Promise<string> {
    this.stringToSign = await super.createStringToSign(longDate, scope, canonicalRequest, algorithm);
    return this.stringToSign;
  }
}

function flattenQuery(query: HttpRequest["query"]): Query {
  const out: Query = {};
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== null && value !== undefined) out[key] = value;
  return out;
}

/**
 * Signs with @smithy/signature-v4. Service and region go into the scope exactly as entered.
 * S3 is the one service whose paths are neither normalised nor escaped again and that wants
 * the x-amz-content-sha256 header (AWS's documented exception).
 */
export async function signAwsRequest(
  input: AwsSigningInput,
  keys: AwsKeys,
  scope: AwsScope,
  options: AwsSignOptions,
): Promise<AwsSigningResult> {
  const isS3 = scope.service === "s3";
  const signer = new InspectableSigner({
    service: scope.service,
    region: scope.region,
    credentials: keys.sessionToken
      ? keys
      : { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
    sha256: Sha256,
    uriEscapePath: !isS3,
    applyChecksum: isS3,
  });
  const request: HttpRequest = { ...input, query: { ...input.query }, headers: { ...input.headers } };
  const signed = options.presign
    ? await signer.presign(request, { signingDate: options.date, expiresIn: options.expiresInSeconds ?? 900 })
    : await signer.sign(request, { signingDate: options.date });
  const lines = signer.canonicalRequest.split("\n");
  const query = flattenQuery(signed.query);
  const authorization = signed.headers.authorization ?? "";
  return {
    headers: { ...signed.headers },
    query,
    canonicalRequest: signer.canonicalRequest,
    stringToSign: signer.stringToSign,
    credentialScope: signer.stringToSign.split("\n")[2] ?? "",
    signedHeaders: (lines[lines.length - 2] ?? "").split(";").filter(Boolean),
    signature: options.presign
      ? String(query["X-Amz-Signature"] ?? "")
      : (authorization.match(/Signature=([0-9a-f]+)/)?.[1] ?? ""),
  };
}

/** RFC 3986 encoding, as SigV4 canonicalises query strings. */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function serializeQuery(query: Query): string {
  return Object.entries(query)
    .flatMap(([key, value]) =>
      (Array.isArray(value) ? value : [value]).map((v) => `${encodeRfc3986(key)}=${encodeRfc3986(v)}`),
    )
    .join("&");
}

export function queryOf(url: URL): Query {
  const out: Query = {};
  for (const [key, value] of url.searchParams) {
    const existing = out[key];
    out[key] =
      existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}
