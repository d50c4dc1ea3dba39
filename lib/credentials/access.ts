import "server-only";
import { assertCan, type Access } from "../auth/access";
import type { Actor } from "../auth/actor";
import { ownedWhere } from "../organisations/access";
import { DomainError } from "../result";

export const NOT_FOUND = "Credential not found.";

/** Role check for members; an API key may only read (credentials:read is enforced by the API). */
export function assertCredentialAccess(actor: Actor, access: Access): void {
  if (actor.type === "member") assertCan(actor.role, "credentials", access);
  else if (actor.type === "api_key" && access === "edit")
    throw new DomainError("API keys cannot change credentials.", "forbidden");
}

/** Where-clause that limits a credential lookup to what the actor may see. */
export function ownedBy(actor: Actor, id: string) {
  return { id, ...ownedWhere(actor) };
}
