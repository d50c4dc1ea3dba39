import "server-only";
import type { Actor } from "../auth/actor";
import { environmentRowsPrepared } from "../api-resources/environments";

export type EnvironmentView = { id: number; name: string; createdAt: Date };

/**
 * The environments the actor may reach: its organisation's, or an API key's own one. Every
 * console page reads them (the layout's switcher): a prepared statement of the driver, the
 * same one `GET /v1/environments` runs (lib/api-resources/environments.ts).
 */
export async function listEnvironments(actor: Actor): Promise<EnvironmentView[]> {
  const rows = await environmentRowsPrepared(actor);
  return rows.map(({ id, name, createdAt }) => ({ id, name, createdAt }));
}
