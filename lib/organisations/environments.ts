import "server-only";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { environmentsWhere } from "./access";

export type EnvironmentView = { id: number; name: string; createdAt: Date };

/** The environments the actor may reach: its organisation's, or an API key's own one. */
export async function listEnvironments(actor: Actor): Promise<EnvironmentView[]> {
  return db().environment.findMany({
    where: environmentsWhere(actor),
    orderBy: { id: "asc" },
    select: { id: true, name: true, createdAt: true },
  });
}
