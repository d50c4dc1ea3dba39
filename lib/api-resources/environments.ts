import "server-only";
import { db } from "../db";
import type { Actor } from "../auth/actor";
import { environmentsWhere } from "../organisations/access";

export type ApiEnvironment = { id: number; name: string; created: string; organisationName: string };

/**
 * The environments an actor may use through the API. API keys are scoped to one environment,
 * so a key sees exactly its own; other actors see every environment of their organisation.
 */
export async function listApiEnvironments(actor: Actor): Promise<ApiEnvironment[]> {
  const rows = await db().environment.findMany({
    where: environmentsWhere(actor),
    orderBy: { id: "asc" },
    select: { id: true, name: true, createdAt: true, organisation: { select: { name: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    created: row.createdAt.toISOString(),
    organisationName: row.organisation.name,
  }));
}
