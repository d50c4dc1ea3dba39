import "server-only";
import { queryOf, serializeQuery, signAwsRequest, type AwsSigningResult } from "./aws-sign";
import { obtainJwt, type MintedJwt } from "./key-pair";
import { obtainToken, type TokenExchange, type TokenInfo } from "./oauth";
import { resolveDeps, type ResolveDeps } from "./resolve-deps";
import { secretHeaderKey, withHeader, type OutgoingRequest, type ResolvableCredential } from "./types";

export type AppliedCredential =
  | {
      ok: true;
      request: OutgoingRequest;
      warnings: string[];
      /** Values derived from secrets (tokens, signatures) that must be redacted wherever shown. */
      derivedSecrets: string[];
      oauth?: { token: TokenInfo; cached: boolean; exchange: TokenExchange | null };
      aws?: AwsSigningResult;
      jwt?: { minted: MintedJwt; cached: boolean };
    }
  | { ok: false; message: string; oauth?: { exchange: TokenExchange | null } };

type Applier<T extends ResolvableCredential["type"]> = (
  credential: Extract<ResolvableCredential, { type: T }>,
  request: OutgoingRequest,
  deps: ResolveDeps,
) => Promise<AppliedCredential>;

const applyOAuth: Applier<"oauth_client_credentials"> = async (credential, request, deps) => {
  const outcome = await obtainToken(credential, deps);
  if (!outcome.ok) return { ok: false, message: outcome.message, oauth: { exchange: outcome.exchange } };
  const { token } = outcome;
  return {
    ok: true,
    request: {
      ...request,
      headers: withHeader(request.headers, "Authorization", `Bearer ${token.accessToken}`),
    },
    warnings: outcome.warnings,
    derivedSecrets: [token.accessToken],
    oauth: { token, cached: outcome.cached, exchange: outcome.exchange },
  };
};

const applyAws: Applier<"aws_signed_request"> = async (credential, request, deps) => {
  const url = new URL(request.url);
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return { ok: false, message: "Only http:// and https:// URLs can be signed." };
  const { config, secrets } = credential;
  const signed = await signAwsRequest(
    {
      method: request.method.toUpperCase(),
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query: queryOf(url),
      // The signed Host must be exactly the one sent, port included.
      headers: withHeader(request.headers, "host", url.host),
      ...(request.body ? { body: request.body } : {}),
    },
    {
      accessKeyId: config.accessKeyId,
      secretAccessKey: secrets.secretAccessKey,
      ...(secrets.sessionToken ? { sessionToken: secrets.sessionToken } : {}),
    },
    { service: config.service, region: config.region },
    { date: new Date(deps.clock.now()), presign: config.signQuery },
  );
  if (config.signQuery) url.search = serializeQuery(signed.query);
  return {
    ok: true,
    request: {
      method: request.method.toUpperCase(),
      url: url.href,
      headers: signed.headers,
      ...(request.body ? { body: request.body } : {}),
    },
    warnings: [],
    derivedSecrets: [signed.signature],
    aws: signed,
  };
};

const applyBasic: Applier<"basic"> = async (credential, request) => {
  const encoded = Buffer.from(
    `${credential.config.username}:${credential.secrets.password}`,
    "utf8",
  ).toString("base64");
  return {
    ok: true,
    request: { ...request, headers: withHeader(request.headers, "Authorization", `Basic ${encoded}`) },
    warnings: [],
    derivedSecrets: [encoded],
  };
};

const applyKeyPair: Applier<"key_pair"> = async (credential, request, deps) => {
  const { minted, cached } = await obtainJwt(credential, deps);
  return {
    ok: true,
    request: { ...request, headers: withHeader(request.headers, "Authorization", `Bearer ${minted.jwt}`) },
    warnings: [],
    derivedSecrets: [minted.jwt],
    jwt: { minted, cached },
  };
};

const applyCustomHeaders: Applier<"custom_headers"> = async (credential, request) => {
  let headers = request.headers;
  for (const header of credential.config.headers) {
    const value = header.secret ? credential.secrets[secretHeaderKey(header.name)] : header.value;
    if (value === undefined)
      return {
        ok: false,
        message: `The secret value of header ${header.name} is missing; edit the credential and enter it again.`,
      };
    headers = withHeader(headers, header.name, value);
  }
  return { ok: true, request: { ...request, headers }, warnings: [], derivedSecrets: [] };
};

/** Applies a credential to an outgoing request (the one entry point; never throws for expected failures). */
export async function applyCredential(
  credential: ResolvableCredential,
  request: OutgoingRequest,
  deps: Partial<ResolveDeps> = {},
): Promise<AppliedCredential> {
  const full = resolveDeps(deps);
  try {
    switch (credential.type) {
      case "oauth_client_credentials":
        return await applyOAuth(credential, request, full);
      case "aws_signed_request":
        return await applyAws(credential, request, full);
      case "basic":
        return await applyBasic(credential, request, full);
      case "key_pair":
        return await applyKeyPair(credential, request, full);
      case "custom_headers":
        return await applyCustomHeaders(credential, request, full);
    }
  } catch (error) {
    // Only our own messages get here (invalid URL, unusable key); none contains a secret.
    const message =
      error instanceof TypeError && /URL/i.test(error.message)
        ? "The request URL is not valid."
        : (error as Error).message;
    return { ok: false, message: `The credential could not be applied: ${message}` };
  }
}
