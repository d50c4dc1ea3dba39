import "server-only";
import { db } from "../db";
import { isIntegrationKind, KIND_LABELS, KIND_PATHS } from "../integrations/kinds";
import { DomainError } from "../result";

/** Something that sends requests with a credential: S3 buckets and webhook endpoints. */
export type CredentialUser = { kind: string; kindLabel: string; id: string; name: string; path: string };

function referencedCredential(config: string): string | null {
  try {
    const value: unknown = JSON.parse(config);
    const id = (value as { credentialMode?: unknown; credentialId?: unknown } | null) ?? null;
    return id?.credentialMode === "credential" && typeof id.credentialId === "string"
      ? id.credentialId
      : null;
  } catch {
    return null;
  }
}

/**
 * Who uses a credential: the premium integrations of its environment that reference it and the
 * webhook endpoints that authenticate their deliveries with it.
 */
export async function credentialUsers(
  environmentId: number,
  credentialId: string,
): Promise<CredentialUser[]> {
  const [rows, endpoints] = await Promise.all([
    db().integration.findMany({
      where: { environmentId, config: { contains: credentialId } },
      select: { id: true, kind: true, name: true, config: true },
      orderBy: { name: "asc" },
    }),
    db().webhookEndpoint.findMany({
      where: { environmentId, credentialId },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  const integrations = rows.flatMap((row) =>
    isIntegrationKind(row.kind) && referencedCredential(row.config) === credentialId
      ? [
          {
            kind: row.kind,
            kindLabel: KIND_LABELS[row.kind].singular,
            id: row.id,
            name: row.name,
            path: KIND_PATHS[row.kind],
          },
        ]
      : [],
  );
  return [
    ...integrations,
    ...endpoints.map((endpoint) => ({
      kind: "webhook_endpoint",
      kindLabel: "Webhook endpoint",
      id: endpoint.id,
      name: endpoint.name,
      path: `/configuration/integrations/webhooks/${endpoint.id}`,
    })),
  ];
}

export function describeUsers(users: readonly CredentialUser[]): string {
  return users.map((user) => `${user.kindLabel} "${user.name}"`).join(", ");
}

/** Deleting a credential in use would break its users: refused, naming them. */
export function inUseRefusal(name: string, users: readonly CredentialUser[]): DomainError {
  return new DomainError(
    `The credential "${name}" is used by ${describeUsers(users)}. Change ${users.length === 1 ? "it" : "them"} to use another credential first.`,
    "conflict",
  );
}
