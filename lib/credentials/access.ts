import "server-only";
import { assertCan, type Access } from "../auth/access";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { DomainError } from "../result";

export const NOT_FOUND = "Credential not found.";

/** Role check for members; an API key may only read (credentials:read is enforced by the API). */
export function assertCredentialAccess(actor: Actor, access: Access): void {
  if (actor.type === "member") assertCan(actor.role, "credentials", access);
  else if (actor.type === "api_key" && access === "edit") throw new DomainError("API keys cannot change credentials.", "forbidden");
}

/** The environment must belong to the actor's organisation (never trust an id from the client). */
export async function assertEnvironment(actor: Actor, environmentId: number): Promise<void> {
  const environment = await db().environment.findFirst({ where: { id: environmentId, organisationId: actor.organisationId }, select: { id: true } });
  if (!environment || (actor.type === "api_key" && actor.environmentId !== environmentId)) {
    throw new DomainError("Environment not found.", "not_found");
  }
}

/** Where-clause that limits a credential lookup to what the actor may see. */
export function ownedBy(actor: Actor, id: string) {
  return {
    id,
    environment: { organisationId: actor.organisationId },
    ...(actor.type === "api_key" ? { environmentId: actor.environmentId } : {}),
  };
}
