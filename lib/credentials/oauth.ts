import "server-only";
import type { OutboundRequest, OutboundResult } from "../outbound";
import { cacheGet, cacheSet, dedupe, type CacheKey } from "./cache";
import { OAUTH_TOKEN_CACHE_SECONDS, type OAuthConfig } from "./kinds/oauth-client-credentials";
import type { ResolveDeps } from "./resolve-deps";
import type { ResolvableCredential } from "./types";

export type TokenInfo = {
  accessToken: string;
  tokenType: string;
  expiresIn: number | null;
  scope: string | null;
  obtainedAt: number;
};
export type TokenExchange = { request: OutboundRequest; result: OutboundResult };
export type TokenOutcome =
  | { ok: true; token: TokenInfo; cached: boolean; exchange: TokenExchange | null; warnings: string[] }
  | { ok: false; message: string; exchange: TokenExchange | null };

type OAuthCredential = Extract<ResolvableCredential, { type: "oauth_client_credentials" }>;

/** Pure. The token request for the chosen scheme; Identity URL query parameters are kept (merged). */
export function buildTokenRequest(config: OAuthConfig, clientSecret: string): OutboundRequest {
  const params: [string, string][] = [
    ["grant_type", "client_credentials"],
    ["client_id", config.clientId],
    ["client_secret", clientSecret],
  ];
  if (config.scope) params.push(["scope", config.scope]);
  const url = new URL(config.identityUrl);
  if (config.scheme === "body") {
    const body = new URLSearchParams(params).toString();
    return {
      method: "POST",
      url: url.href,
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body,
    };
  }
  // OAuth parameters win over same-named ones already in the Identity URL.
  for (const [name, value] of params) url.searchParams.set(name, value);
  if (config.scheme === "query")
    return { method: "GET", url: url.href, headers: { Accept: "application/json" } };
  return {
    method: "POST",
    url: url.href,
    headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
    body: "",
  };
}

export function tokenLifetimeWarning(expiresIn: number | null): string | null {
  if (expiresIn === null || expiresIn > OAUTH_TOKEN_CACHE_SECONDS) return null;
  return (
    `The identity provider's token expires in ${expiresIn} s, which is not longer than the ${OAUTH_TOKEN_CACHE_SECONDS} s ` +
    `cache. Set the token lifetime to more than ${OAUTH_TOKEN_CACHE_SECONDS} seconds.`
  );
}

function parseBody(body: string, contentType: string): Record<string, unknown> | null {
  if (/application\/x-www-form-urlencoded/i.test(contentType))
    return Object.fromEntries(new URLSearchParams(body));
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const str = (value: unknown) => (typeof value === "string" && value.length > 0 ? value : null);

function errorText(fields: Record<string, unknown> | null): string {
  const code = str(fields?.error);
  const description = str(fields?.error_description);
  if (!code) return "";
  return `: ${code.slice(0, 100)}${description ? ` (${description.slice(0, 300)})` : ""}`;
}

/** Pure. Reads an RFC 6749 §5 token response, or explains in plain words why it is not one. */
export function parseTokenResponse(
  result: OutboundResult,
  now: number,
): { ok: true; token: TokenInfo } | { ok: false; message: string } {
  if (!result.ok) return { ok: false, message: `The token request failed. ${result.error.message}` };
  const { status, statusText, headers, body } = result.response;
  const fields = parseBody(body.toString("utf8"), headers["content-type"] ?? "");
  if (status >= 400) {
    const hint =
      status === 401
        ? " Check the client ID and client secret."
        : status === 400
          ? " Check the scope and the request scheme."
          : "";
    return {
      ok: false,
      message: `The identity provider answered ${status} ${statusText}${errorText(fields)}.${hint}`,
    };
  }
  if (status < 200 || status >= 300)
    return {
      ok: false,
      message: `The identity provider answered ${status} ${statusText} instead of a token.`,
    };
  const accessToken = str(fields?.access_token);
  if (!fields || !accessToken)
    return {
      ok: false,
      message: `The identity provider answered ${status} but the body has no access_token.`,
    };
  const rawExpiry = fields.expires_in;
  const expiresIn =
    typeof rawExpiry === "number"
      ? rawExpiry
      : typeof rawExpiry === "string" && /^\d+$/.test(rawExpiry)
        ? Number(rawExpiry)
        : null;
  return {
    ok: true,
    token: {
      accessToken,
      tokenType: str(fields.token_type) ?? "Bearer",
      expiresIn,
      scope: str(fields.scope),
      obtainedAt: now,
    },
  };
}

/** How long a token may be reused: 45 s, or less when the provider says it expires sooner. */
export function tokenCacheMs(token: TokenInfo): number {
  const seconds =
    token.expiresIn === null
      ? OAUTH_TOKEN_CACHE_SECONDS
      : Math.min(OAUTH_TOKEN_CACHE_SECONDS, token.expiresIn);
  return Math.max(0, seconds) * 1000;
}

function warningsFor(token: TokenInfo): string[] {
  const warnings = [tokenLifetimeWarning(token.expiresIn)];
  if (token.tokenType.toLowerCase() !== "bearer")
    warnings.push(
      `The provider's token_type is "${token.tokenType.slice(0, 40)}"; it is sent as a Bearer token.`,
    );
  return warnings.filter((w): w is string => w !== null);
}

async function fetchToken(
  credential: OAuthCredential,
  deps: ResolveDeps,
  key: CacheKey,
): Promise<TokenOutcome> {
  const request = buildTokenRequest(credential.config, credential.secrets.clientSecret);
  // Never followed: a redirect would carry the client secret (in the body or query) elsewhere.
  const result = await deps.send(request, { followRedirects: false });
  const now = deps.clock.now();
  const parsed = parseTokenResponse(result, now);
  const exchange = { request, result };
  if (!parsed.ok) return { ok: false, message: parsed.message, exchange };
  const ttl = tokenCacheMs(parsed.token);
  if (ttl > 0) cacheSet(key, parsed.token, now + ttl);
  return { ok: true, token: parsed.token, cached: false, exchange, warnings: warningsFor(parsed.token) };
}

/** The access token for a credential: from the 45 s cache, or a fresh token request. */
export async function obtainToken(credential: OAuthCredential, deps: ResolveDeps): Promise<TokenOutcome> {
  const key: CacheKey = { kind: "oauth_token", id: credential.id, version: credential.version };
  if (!deps.forceRefresh) {
    const cached = cacheGet<TokenInfo>(key, deps.clock.now());
    if (cached)
      return { ok: true, token: cached, cached: true, exchange: null, warnings: warningsFor(cached) };
    return dedupe(key, () => fetchToken(credential, deps, key));
  }
  return fetchToken(credential, deps, key);
}
