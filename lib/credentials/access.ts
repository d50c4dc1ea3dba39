import "server-only";
import { assertActorCan, type Access } from "../auth/access";
import type { Actor } from "../auth/actor";
import { ownedWhere } from "../organisations/access";

export const NOT_FOUND = "Credential not found.";

/**
 * Who may see, change and use credentials: the one rule of lib/auth (members by role, API keys
 * up to their ceiling, which permission the API checks first). Records are then looked up with
 * `ownedBy`, which keeps an API key inside its own environment.
 */
export function assertCredentialAccess(actor: Actor, access: Access): void {
  assertActorCan(actor, "credentials", access);
}

/** Where-clause that limits a credential lookup to what the actor may see. */
export function ownedBy(actor: Actor, id: string) {
  return { id, ...ownedWhere(actor) };
}
