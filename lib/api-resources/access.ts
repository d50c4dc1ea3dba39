import "server-only";
import { db, isUniqueViolation, onUniqueViolation } from "../db";
import type { Actor } from "../auth/actor";
import { DomainError } from "../result";

/**
 * Resources of the public API belong to one environment. An API key reaches only its own
 * environment (checked without a query); other actors only their organisation's.
 */
export async function assertEnvironment(actor: Actor, environmentId: number): Promise<void> {
  if (actor.type === "api_key") {
    if (actor.environmentId !== environmentId) {
      throw new DomainError(
        `This API key belongs to environment ${actor.environmentId}, not ${environmentId}`,
        "forbidden",
      );
    }
    return;
  }
  const found = await db().environment.findFirst({
    where: { id: environmentId, organisationId: actor.organisationId },
    select: { id: true },
  });
  if (!found) throw new DomainError("Environment not found", "not_found");
}

export function isNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2025";
}

export { isUniqueViolation, onUniqueViolation };
