import { parse as parseQuery } from "fast-querystring";
import type { OAuthErrorCode } from "./errors";

// Reads a token request from its three possible sources — query string (the documented bash example),
// form body, HTTP Basic header — and refuses ambiguity, as RFC 6749 §3.2 and §2.3 ask.

type Credentials = { clientId: string; clientSecret: string; scope: string[] };
export type TokenRequest =
  | (Credentials & { grantType: "client_credentials" })
  | (Credentials & { grantType: "refresh_token"; refreshToken: string });

export type TokenRequestParse =
  { ok: true; request: TokenRequest } | { ok: false; error: OAuthErrorCode; description: string };

const fail = (error: OAuthErrorCode, description: string): TokenRequestParse => ({
  ok: false,
  error,
  description,
});

/** Parsed query-string parameters: a name given more than once maps to an array. */
export type QueryParameters = Record<string, string | string[] | undefined>;

/**
 * Query and body parameters merged; a parameter given twice with different values is refused.
 * The query arrives parsed (Fastify parses every request's query string with fast-querystring);
 * the body is parsed here with the same parser, so both decode alike: form decoding ("+" is a
 * space), no prototype, repeats as arrays, and no cap on the number of pairs (node:querystring
 * stops at 1,000, which would let padding hide a repeated grant_type or client_secret).
 */
export function mergeParameters(
  query: QueryParameters,
  body: string,
): Map<string, string> | { duplicate: string } {
  const params = new Map<string, string>();
  for (const source of body ? [query, parseQuery(body)] : [query]) {
    for (const name in source) {
      const value = source[name];
      for (const one of typeof value === "string" ? [value] : (value ?? [])) {
        const seen = params.get(name);
        if (seen !== undefined && seen !== one) return { duplicate: name };
        params.set(name, one);
      }
    }
  }
  return params;
}

function formDecode(value: string): string {
  if (!value.includes("%") && !value.includes("+")) return value;
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** client_secret_basic: RFC 6749 §2.3.1 form-encodes the ID and secret before base64. */
export function parseBasic(header: string): { clientId: string; clientSecret: string } | null {
  const match = /^Basic[ ]+(\S+)\s*$/i.exec(header);
  if (!match || !BASE64.test(match[1]) || match[1].length % 4 === 1) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) return null;
  return {
    clientId: formDecode(decoded.slice(0, colon)),
    clientSecret: formDecode(decoded.slice(colon + 1)),
  };
}

const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

function clientCredentials(
  params: Map<string, string>,
  authorization: string | undefined,
): TokenRequestParse | Credentials {
  const postedSecret = params.get("client_secret");
  let clientId: string;
  let clientSecret: string;
  if (authorization !== undefined) {
    const basic = parseBasic(authorization);
    if (!basic)
      return fail(
        "invalid_client",
        "Malformed Authorization header: expected Basic base64(client_id:client_secret)",
      );
    if (postedSecret !== undefined)
      return fail(
        "invalid_request",
        "Use one client authentication method: Basic header or client_secret, not both",
      );
    const named = params.get("client_id");
    if (named !== undefined && named !== basic.clientId)
      return fail("invalid_request", "client_id does not match the Authorization header");
    ({ clientId, clientSecret } = basic);
  } else {
    const named = params.get("client_id");
    if (!named || !postedSecret) {
      return fail(
        "invalid_client",
        "Client authentication required: send Authorization: Basic base64(client_id:client_secret)",
      );
    }
    clientId = named;
    clientSecret = postedSecret;
  }
  const requested = params.get("scope");
  const scope = requested ? requested.split(" ").filter(Boolean) : [];
  if (scope.some((s) => !SCOPE_TOKEN.test(s)))
    return fail("invalid_scope", "The scope parameter contains invalid characters");
  return { clientId, clientSecret, scope };
}

export function readTokenRequest(
  query: QueryParameters,
  body: string,
  authorization: string | undefined,
): TokenRequestParse {
  // RFC 6749 §2.3.1: a client secret must not travel in the URL, where proxies and access logs
  // keep it. client_id and grant_type in the query (the documented request shape) stay fine.
  if (query.client_secret !== undefined)
    return fail(
      "invalid_request",
      "client_secret must not be sent in the URL query: use the Authorization header (Basic) or the form body",
    );
  const params = mergeParameters(query, body);
  if (!(params instanceof Map))
    return fail("invalid_request", `The ${params.duplicate.slice(0, 40)} parameter was sent more than once`);
  const grantType = params.get("grant_type");
  if (!grantType)
    return fail("invalid_request", "grant_type is required (client_credentials or refresh_token)");
  if (grantType !== "client_credentials" && grantType !== "refresh_token") {
    return fail("unsupported_grant_type", "Supported grant types: client_credentials, refresh_token");
  }
  const credentials = clientCredentials(params, authorization);
  if ("ok" in credentials) return credentials;
  if (grantType === "client_credentials") return { ok: true, request: { ...credentials, grantType } };
  const refreshToken = params.get("refresh_token");
  if (!refreshToken) return fail("invalid_request", "refresh_token is required for grant_type=refresh_token");
  return { ok: true, request: { ...credentials, grantType, refreshToken } };
}
