import "server-only";
import type { Actor } from "../auth/actor";
import {
  assertCredentialInEnvironment,
  createCredential,
  deleteCredential,
  listCredentials,
  updateCredential,
  type CredentialSummary,
} from "../credentials";
import type { CredentialFormValues, CredentialUpdateValues } from "../credentials/schemas";
import { assertEnvironment } from "../organisations/access";

export type IntegrationCredentialMetadata = {
  id: string;
  name: string;
  type: string;
  version: number;
  allowedDestinations: string[];
  created: string;
  updated: string;
  lastTestedAt: string | null;
  lastTestOk: boolean | null;
  lastUsedAt: string | null;
  lastUse: {
    at: string;
    by: { type: string; label: string };
    destination: string | null;
    ok: boolean | null;
    summary: string | null;
  } | null;
};

function metadataOf(summary: CredentialSummary): IntegrationCredentialMetadata {
  return {
    id: summary.id,
    name: summary.name,
    type: summary.type,
    version: summary.version,
    allowedDestinations: summary.allowedDestinations,
    created: summary.createdAt.toISOString(),
    updated: summary.updatedAt.toISOString(),
    lastTestedAt: summary.lastTestedAt?.toISOString() ?? null,
    lastTestOk: summary.lastTestOk,
    lastUsedAt: summary.lastUsedAt?.toISOString() ?? null,
    lastUse: summary.lastUse
      ? {
          at: summary.lastUse.at.toISOString(),
          by: { type: summary.lastUse.byType, label: summary.lastUse.byLabel },
          destination: summary.lastUse.destination,
          ok: summary.lastUse.ok,
          summary: summary.lastUse.summary,
        }
      : null,
  };
}

/** Names, types, destinations and test/usage of an environment's outbound credentials — never secrets or config. */
export async function listIntegrationCredentialMetadata(
  actor: Actor,
  environmentId: number,
): Promise<IntegrationCredentialMetadata[]> {
  await assertEnvironment(actor, environmentId);
  const items: IntegrationCredentialMetadata[] = [];
  for (let page = 1; ; page += 1) {
    const result = await listCredentials(actor, { environmentId, page, pageSize: 100 });
    items.push(...result.items.map(metadataOf));
    if (items.length >= result.total || result.items.length === 0) return items;
  }
}

export async function createIntegrationCredential(
  actor: Actor,
  environmentId: number,
  values: CredentialFormValues,
): Promise<IntegrationCredentialMetadata> {
  return metadataOf(await createCredential(actor, { environmentId, credential: values }));
}

export async function updateIntegrationCredential(
  actor: Actor,
  environmentId: number,
  id: string,
  values: CredentialUpdateValues,
): Promise<IntegrationCredentialMetadata> {
  await assertCredentialInEnvironment(actor, environmentId, id);
  return metadataOf(await updateCredential(actor, { id, credential: values }));
}

export async function deleteIntegrationCredential(
  actor: Actor,
  environmentId: number,
  id: string,
): Promise<{ id: string }> {
  await assertCredentialInEnvironment(actor, environmentId, id);
  await deleteCredential(actor, { id });
  return { id };
}
