import "server-only";
import { db } from "../db";
import type { Actor } from "../auth/actor";
import { assertEnvironment } from "../organisations/access";

export type IntegrationCredentialMetadata = {
  id: string;
  name: string;
  type: string;
  created: string;
  updated: string;
  lastTestedAt: string | null;
  lastTestOk: boolean | null;
  lastUsedAt: string | null;
};

/** Names, types and test/usage times of an environment's outbound credentials — never secrets or config. */
export async function listIntegrationCredentialMetadata(
  actor: Actor,
  environmentId: number,
): Promise<IntegrationCredentialMetadata[]> {
  await assertEnvironment(actor, environmentId);
  const rows = await db().credential.findMany({
    where: { environmentId },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      type: true,
      createdAt: true,
      updatedAt: true,
      lastTestedAt: true,
      lastTestOk: true,
      lastUsedAt: true,
    },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    type: row.type,
    created: row.createdAt.toISOString(),
    updated: row.updatedAt.toISOString(),
    lastTestedAt: row.lastTestedAt?.toISOString() ?? null,
    lastTestOk: row.lastTestOk,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  }));
}
