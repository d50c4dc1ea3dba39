import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  allowlistRefusal,
  authenticateClient,
  checkToken,
  grantableScopes,
  issueTokens,
  looksLikeClientId,
  notePreviousSecretUse,
  recordUsage,
  tokenResponseJson,
  type KeyState,
  type RateLimiter,
  type TokenResponse,
} from "../../lib/api-keys";
import type { RateLimitConfig } from "./config";
import { sendOAuthError } from "./errors";
import { noteRefusal } from "./refusals";
import type { RefusalOwner } from "../../lib/api-keys/refusals";
import { readTokenBody } from "./token-body";
import { readTokenRequest, type QueryParameters, type TokenRequest } from "./token-request";

// POST /oauth2/token — RFC 6749 client credentials (§4.4) and refresh (§6). Accepts exactly what
// the documented bash example sends (parameters in the query string, Basic credentials, an empty
// form-encoded body) as well as form-body parameters and client_secret_post. No database write
// happens here: tokens are signed, usage is counted in memory, rate limits sync in batches.

export type TokenContext = { limiter: RateLimiter; limits: RateLimitConfig };

const FORM = /^application\/x-www-form-urlencoded\s*(;|$)/i;

export function registerTokenRoute(api: FastifyInstance, context: TokenContext): void {
  void api.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", (request, payload, done) =>
      readTokenBody(request.headers, payload, done),
    );
    scope.post("/oauth2/token", (request, reply) => handleTokenRequest(context, request, reply));
    scope.route({
      method: ["GET", "PUT", "PATCH", "DELETE"],
      url: "/oauth2/token",
      handler: (_request, reply) => {
        void reply.header("allow", "POST");
        return sendOAuthError(reply, 405, "invalid_request", "Use POST for the token endpoint");
      },
    });
  });
}

async function handleTokenRequest(
  context: TokenContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const contentType = request.headers["content-type"];
  const body = typeof request.body === "string" ? request.body : "";
  if (contentType !== undefined ? !FORM.test(contentType) : body.length > 0) {
    return sendOAuthError(
      reply,
      400,
      "invalid_request",
      "Content-Type must be application/x-www-form-urlencoded",
    );
  }
  const parsed = readTokenRequest(request.query as QueryParameters, body, request.headers.authorization);
  // Failed authentications are counted per (address, client ID): behind one load balancer,
  // one client's wrong secret must not lock out the others, and correct credentials always pass.
  const failures = `auth-failure:${request.ip}:${parsed.ok ? parsed.request.clientId : ""}`;
  // The limiter, the key cache and the signer answer synchronously when warm: await only what is
  // really pending, so a warm request runs to its response without yielding a turn.
  let blocked = context.limiter.check(failures, context.limits.authFailure);
  if (blocked instanceof Promise) blocked = await blocked;
  if (!parsed.ok) {
    if (parsed.error !== "invalid_client")
      return sendOAuthError(reply, 400, parsed.error, parsed.description);
    if (!blocked.allowed) return tooManyFailures(reply, blocked.retryAfterSeconds);
    await context.limiter.hit(failures, context.limits.authFailure);
    return sendOAuthError(reply, 401, parsed.error, parsed.description);
  }
  let auth = authenticateClient(parsed.request.clientId, parsed.request.clientSecret);
  if (auth instanceof Promise) auth = await auth;
  if (!auth.ok) {
    // A wrong secret names only the client ID (and only a well-formed one is worth a lookup).
    const owner: RefusalOwner | null =
      auth.reason !== "invalid_credentials"
        ? { keyId: auth.key.id }
        : looksLikeClientId(parsed.request.clientId)
          ? { clientId: parsed.request.clientId }
          : null;
    if (!blocked.allowed) {
      if (owner)
        noteRefusal(owner, request, 429, "too_many_failures", FAILURES_DESCRIPTION, { ip: request.ip });
      return tooManyFailures(reply, blocked.retryAfterSeconds);
    }
    await context.limiter.hit(failures, context.limits.authFailure);
    if (auth.reason !== "invalid_credentials") recordUsage(auth.key.id, "status401");
    const description =
      auth.reason === "revoked"
        ? "The API key has been revoked"
        : auth.reason === "expired"
          ? "The API key has expired"
          : "Invalid client credentials";
    if (owner)
      noteRefusal(
        owner,
        request,
        401,
        auth.reason === "revoked"
          ? "key_revoked"
          : auth.reason === "expired"
            ? "key_expired"
            : "wrong_secret",
        description,
      );
    return sendOAuthError(reply, 401, "invalid_client", description);
  }
  const key = auth.key;
  const ipRefusal = allowlistRefusal(key, request.ip);
  if (ipRefusal) {
    recordUsage(key.id, "status403");
    noteRefusal({ keyId: key.id }, request, 403, "ip_not_allowed", ipRefusal, { ip: request.ip });
    return sendOAuthError(reply, 403, "access_denied", ipRefusal);
  }
  let limited = context.limiter.hit(`token:${key.id}`, context.limits.token);
  if (limited instanceof Promise) limited = await limited;
  if (!limited.allowed) {
    recordUsage(key.id, "status429");
    noteRefusal({ keyId: key.id }, request, 429, "rate_limited", "Token requested too often");
    return tooManyRequests(
      reply,
      limited.retryAfterSeconds,
      "Token requested too often: cache the access token and reuse it until it expires",
    );
  }
  recordUsage(key.id, "tokenRequests", { ip: request.ip, userAgent: request.headers["user-agent"] ?? null });
  notePreviousSecretUse(key, auth.generation, request.ip);
  return grant(reply, key, auth.generation, parsed.request);
}

function grant(
  reply: FastifyReply,
  key: KeyState,
  generation: number,
  request: TokenRequest,
): FastifyReply | Promise<FastifyReply> {
  if (request.grantType === "refresh_token")
    return grantRefresh(reply, key, generation, request.refreshToken, request.scope);
  return respondWithTokens(reply, key, generation, request.scope);
}

async function grantRefresh(
  reply: FastifyReply,
  key: KeyState,
  generation: number,
  refreshToken: string,
  scope: string[],
): Promise<FastifyReply> {
  const refresh = await checkToken(refreshToken, "refresh");
  if (!refresh.ok || refresh.key.id !== key.id) {
    return sendOAuthError(
      reply,
      400,
      "invalid_grant",
      refresh.ok ? "The refresh token was issued to another client" : refresh.detail,
    );
  }
  // A refresh may narrow the original scope, never widen it (RFC 6749 §6).
  if (scope.length && refresh.claims.scope.length && scope.some((s) => !refresh.claims.scope.includes(s))) {
    return sendOAuthError(
      reply,
      400,
      "invalid_scope",
      "The requested scope exceeds the refresh token's scope",
    );
  }
  return respondWithTokens(
    reply,
    key,
    Math.min(generation, refresh.claims.generation),
    scope.length ? scope : refresh.claims.scope,
  );
}

function respondWithTokens(
  reply: FastifyReply,
  key: KeyState,
  generation: number,
  scope: string[],
): FastifyReply | Promise<FastifyReply> {
  const grantable = grantableScopes(key);
  const unknown = scope.filter((s) => !grantable.includes(s));
  if (unknown.length)
    return sendOAuthError(
      reply,
      400,
      "invalid_scope",
      `The key does not hold: ${unknown.join(" ").slice(0, 200)}`,
    );
  const tokens = issueTokens(key, generation, scope);
  return tokens instanceof Promise
    ? tokens.then((issued) => sendTokens(reply, issued))
    : sendTokens(reply, tokens);
}

function sendTokens(reply: FastifyReply, tokens: TokenResponse): FastifyReply {
  return reply
    .header("cache-control", "no-store")
    .header("pragma", "no-cache")
    .type("application/json; charset=utf-8")
    .send(tokenResponseJson(tokens));
}

const FAILURES_DESCRIPTION = "Too many failed authentications for this client from this address";

function tooManyFailures(reply: FastifyReply, retryAfterSeconds: number): FastifyReply {
  return tooManyRequests(reply, retryAfterSeconds, FAILURES_DESCRIPTION);
}

function tooManyRequests(reply: FastifyReply, retryAfterSeconds: number, description: string): FastifyReply {
  void reply.header("retry-after", String(retryAfterSeconds));
  return sendOAuthError(reply, 429, "slow_down", description);
}
