import type { FastifyRequest } from "fastify";
import type { KeyState } from "../../lib/api-keys";
import { recordRefusal, type RefusalOwner } from "../../lib/api-keys/refusals";
import type { RefusalParams, RefusalReason } from "../../lib/api-keys/refusal-reasons";

// Records a refused request for the key page's "Why is my key failing?" (batched in memory: a
// refusal costs an array push here, see lib/api-keys/refusals.ts).

export function noteRefusal(
  owner: RefusalOwner,
  request: FastifyRequest,
  status: number,
  reason: RefusalReason,
  detail: string,
  params: RefusalParams = {},
): void {
  recordRefusal(owner, {
    status,
    reason,
    detail,
    params,
    method: request.method,
    path: request.url,
    ip: request.ip ?? null,
    userAgent: request.headers["user-agent"] ?? null,
  });
}

/** Why a known key's token or secret was refused with 401. */
export function unauthorizedReason(key: KeyState, now = Date.now()): RefusalReason {
  if (key.revokedAt !== null) return "key_revoked";
  if (key.expiresAt !== null && key.expiresAt <= now) return "key_expired";
  return "rotated";
}

/** A 403's problem code as a refusal reason, with what the fix needs to name. */
export function forbiddenRefusal(key: KeyState, request: FastifyRequest, code: string, detail: string): void {
  if (code === "ip_not_allowed")
    return noteRefusal({ keyId: key.id }, request, 403, "ip_not_allowed", detail, { ip: request.ip });
  if (code === "missing_permission")
    return noteRefusal({ keyId: key.id }, request, 403, "missing_permission", detail, {
      permission: /missing permission: (\S+)/.exec(detail)?.[1],
    });
  if (code === "wrong_environment")
    return noteRefusal({ keyId: key.id }, request, 403, "wrong_environment", detail, {
      environment: String(key.environmentId),
    });
  return noteRefusal({ keyId: key.id }, request, 403, "wrong_role", detail);
}
