import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  allowlistRefusal,
  checkToken,
  checkTokenNow,
  notePreviousSecretUse,
  operationRefusal,
  recordUsage,
  type KeyState,
  type TokenCheck,
} from "../../lib/api-keys";
import type { Actor } from "../../lib/auth/actor";
import type { ApiOperation } from "../../lib/permissions/registry";
import { problem, sendProblem, type ProblemCode } from "./errors";
import { forbiddenRefusal, noteRefusal, unauthorizedReason } from "./refusals";

// Bearer authentication of /v1/*, in the order the API documentation's troubleshooting section describes:
// 401 when the token is missing, malformed or expired (or its key revoked, deleted, rotated
// away or past its expiry date); 403 when the caller's IP is outside the key's allowlist or the
// key lacks the operation's permission or legacy role.

export type ApiKeyActor = Extract<Actor, { type: "api_key" }>;
export type Authenticated = { key: KeyState; scope: string[]; actor: ApiKeyActor };

const PUBLIC_PATHS = new Set(["/v1/health", "/v1/ready", "/v1/openapi.json"]);

/** Every /v1 request must say who it is (the documented rule: "requests … must include a User-Agent header"). */
export function requireUserAgent(api: FastifyInstance): void {
  // Callback style, not async: it runs on every API request and usually has nothing to do.
  api.addHook("onRequest", (request, reply, done) => {
    if (
      request.headers["user-agent"] ||
      !request.url.startsWith("/v1") ||
      PUBLIC_PATHS.has(request.url.split("?")[0])
    )
      return done();
    noteMissingUserAgent(request);
    void sendProblem(
      reply,
      problem(
        400,
        "user_agent_required",
        "Requests to the API must include a User-Agent header, e.g. User-Agent: my-service/1.0",
      ),
    );
  });
}

/**
 * A request without a User-Agent is refused before authentication; when it carries a valid
 * token, the key's page still shows why (checked after the answer, off the request's path).
 */
function noteMissingUserAgent(request: FastifyRequest): void {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(request.headers.authorization ?? "");
  if (!match) return;
  void checkToken(match[1], "access")
    .then((checked) => {
      if (checked.ok)
        noteRefusal({ keyId: checked.key.id }, request, 400, "no_user_agent", "No User-Agent header");
    })
    .catch(() => undefined);
}

function unauthorized(reply: FastifyReply, detail: string): FastifyReply {
  const safe = detail.replace(/"/g, "'");
  void reply.header(
    "www-authenticate",
    `Bearer realm="workbench", error="invalid_token", error_description="${safe}"`,
  );
  return sendProblem(reply, problem(401, "unauthorized", detail));
}

function forbidden(reply: FastifyReply, key: KeyState, code: ProblemCode, detail: string): FastifyReply {
  recordUsage(key.id, "status403");
  forbiddenRefusal(key, reply.request, code, detail);
  return sendProblem(reply, problem(403, code, detail));
}

/**
 * Authenticates and authorises a request for `operation`; null means a refusal was sent. No
 * promise when the signing key and the key's state are in memory (every request but a key's first).
 */
export function authenticate(
  request: FastifyRequest,
  reply: FastifyReply,
  operation: ApiOperation,
): Authenticated | null | Promise<Authenticated | null> {
  const header = request.headers.authorization;
  if (!header) {
    unauthorized(
      reply,
      "Missing access token: send Authorization: Bearer <access_token> (from POST /oauth2/token)",
    );
    return null;
  }
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!match) {
    unauthorized(reply, "Malformed Authorization header: expected Bearer <access_token>");
    return null;
  }
  const checked = checkTokenNow(match[1], "access");
  return checked instanceof Promise
    ? checked.then((loaded) => authorise(request, reply, operation, loaded))
    : authorise(request, reply, operation, checked);
}

function authorise(
  request: FastifyRequest,
  reply: FastifyReply,
  operation: ApiOperation,
  checked: TokenCheck,
): Authenticated | null {
  if (!checked.ok) {
    if (checked.key) {
      recordUsage(checked.key.id, "status401");
      noteRefusal({ keyId: checked.key.id }, request, 401, unauthorizedReason(checked.key), checked.detail);
    } else if (checked.expiredTokenKeyId) {
      // The key comes from the expired token's signed claims: an array push, no lookup.
      noteRefusal({ keyId: checked.expiredTokenKeyId }, request, 401, "token_expired", checked.detail);
    }
    unauthorized(reply, checked.detail);
    return null;
  }
  const { key, claims } = checked;
  const ip = request.ip;
  const ipRefusal = allowlistRefusal(key, ip);
  if (ipRefusal) {
    forbidden(reply, key, "ip_not_allowed", ipRefusal);
    return null;
  }
  const refusal = operationRefusal(key, claims.scope, operation);
  if (refusal) {
    forbidden(reply, key, refusal.code, refusal.detail);
    return null;
  }
  const userAgent = request.headers["user-agent"] ?? null;
  recordUsage(key.id, "apiRequests", { ip, userAgent });
  notePreviousSecretUse(key, claims.generation, ip);
  const actor: ApiKeyActor = {
    type: "api_key",
    organisationId: key.organisationId,
    environmentId: key.environmentId,
    apiKeyId: key.id,
    label: `${key.name} (${key.clientId})`,
    ip,
    userAgent,
  };
  return { key, scope: claims.scope, actor };
}

/** Environment-scoped routes: a key reaches only its own environment. */
export function environmentRefusal(reply: FastifyReply, auth: Authenticated, environmentId: number): boolean {
  if (environmentId === auth.key.environmentId) return false;
  forbidden(
    reply,
    auth.key,
    "wrong_environment",
    `This API key belongs to environment ${auth.key.environmentId}, not ${environmentId}`,
  );
  return true;
}
