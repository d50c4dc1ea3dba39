import "server-only";
import { listAudit, type AuditEventView } from "../audit";
import type { Actor } from "../auth/actor";
import { findOwnedKey } from "./views";

/** The newest audit entries about one key of the actor's organisation (create, edit, rotate, …). */
export async function apiKeyAuditTrail(actor: Actor, keyId: string, take = 20): Promise<AuditEventView[]> {
  const key = await findOwnedKey(actor, { id: keyId });
  const { events } = await listAudit(actor, { targetType: "api_key", targetId: key.id }, { take, skip: 0 });
  return events;
}
