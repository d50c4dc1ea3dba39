import { db } from "../../lib/db";
import type { Actor } from "../../lib/auth/actor";
import { UsageError } from "./types";

export type SystemActor = Extract<Actor, { type: "system" }>;

/**
 * The operator, as the audit log records CLI changes. A system actor may do everything in its
 * organisation (assertActorCan in lib/auth/access.ts); each command names the organisation.
 */
export function cliActor(organisationId: string): SystemActor {
  return { type: "system", organisationId, label: `cli (${process.env.USER ?? "operator"})` };
}

/** --org <id|name>, or the only organisation when there is just one. */
export async function resolveOrganisation(org: string | undefined): Promise<{ id: string; name: string }> {
  const all = await db().organisation.findMany({
    select: { id: true, name: true },
    orderBy: { createdAt: "asc" },
  });
  if (org) {
    const found = all.find((o) => o.id === org || o.name === org);
    if (!found) throw new UsageError(`No organisation ${JSON.stringify(org)}`);
    return found;
  }
  if (all.length === 1) return all[0];
  if (all.length === 0)
    throw new UsageError("No organisation yet: start the server once (npm start) to create it");
  throw new UsageError(
    `Several organisations exist; pass --org <id|name> (${all.map((o) => o.name).join(", ")})`,
  );
}

export async function resolveEnvironment(
  organisationId: string,
  name: string | undefined,
): Promise<{ id: number; name: string }> {
  if (!name) throw new UsageError("--env <environment name> is required");
  const found = await db().environment.findFirst({
    where: { organisationId, name },
    select: { id: true, name: true },
  });
  if (!found) throw new UsageError(`No environment ${JSON.stringify(name)} in this organisation`);
  return found;
}

/** The organisation of the key with this client ID. */
export async function organisationOfClient(clientId: string): Promise<string> {
  const key = await db().apiKey.findUnique({
    where: { clientId },
    select: { environment: { select: { organisationId: true } } },
  });
  if (!key) throw new UsageError(`No API key with client ID ${JSON.stringify(clientId)}`);
  return key.environment.organisationId;
}

export function csv(value: string | undefined): string[] | undefined {
  return value === undefined
    ? undefined
    : value
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean);
}
