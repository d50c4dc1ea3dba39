import "server-only";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { preparedQuery, queryRows } from "../db/prepared";
import { DomainError } from "../result";
import type { EnvironmentView } from "./environments";

// The one tenant guard. Every record lives in an environment, every environment in an
// organisation: an actor reaches only its organisation's environments, and an API key only its
// own environment. Never trust an environment or record id the client sent.

export const ENVIRONMENT_NOT_FOUND = "Environment not found.";

// Checked by every read and change a member makes: a prepared statement of the driver (Prisma's
// query compiler would cost more than the indexed lookup itself).
const OWN_ENVIRONMENT = preparedQuery(
  "environment.own",
  `SELECT "id" FROM "environment" WHERE "id" = $1 AND "organisationId" = $2`,
);

/** The environment must be one the actor may reach; otherwise "not found" (never "exists elsewhere"). */
export async function assertEnvironment(actor: Actor, environmentId: number): Promise<void> {
  if (actor.type === "api_key") {
    if (actor.environmentId !== environmentId) throw new DomainError(ENVIRONMENT_NOT_FOUND, "not_found");
    return;
  }
  // Ids are 32-bit integers: anything else names no environment (PostgreSQL would refuse it).
  if (!Number.isInteger(environmentId) || environmentId < 1 || environmentId > 2 ** 31 - 1)
    throw new DomainError(ENVIRONMENT_NOT_FOUND, "not_found");
  const found = await queryRows(OWN_ENVIRONMENT, [environmentId, actor.organisationId]);
  if (!found.length) throw new DomainError(ENVIRONMENT_NOT_FOUND, "not_found");
}

/** The environment a console URL or action input names, only if the actor may reach it. */
export async function environmentNamed(actor: Actor, name: string): Promise<EnvironmentView> {
  const environment = await db().environment.findFirst({
    where: { ...environmentsWhere(actor), name },
    select: { id: true, name: true, createdAt: true },
  });
  if (!environment) {
    throw new DomainError(ENVIRONMENT_NOT_FOUND, "not_found");
  }
  return environment;
}

/** Where-clause for environments: the actor's organisation's, or an API key's own one. */
export function environmentsWhere(actor: Actor) {
  return {
    organisationId: actor.organisationId,
    ...(actor.type === "api_key" ? { id: actor.environmentId } : {}),
  };
}

/** Where-clause for records of an environment-scoped model: only those the actor may reach. */
export function ownedWhere(actor: Actor) {
  return {
    environment: { organisationId: actor.organisationId },
    ...(actor.type === "api_key" ? { environmentId: actor.environmentId } : {}),
  };
}
