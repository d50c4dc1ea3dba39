import "server-only";
import { assertActorCan } from "../auth/access";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { assertEnvironment } from "../organisations/access";

export type PaletteRecord = {
  kind: "api-key" | "credential" | "webhook-endpoint";
  id: string;
  name: string;
  detail: string;
};

/** Records the command palette can jump to: API keys, credentials and webhook endpoints of one environment, by name. */
export async function listPaletteRecords(actor: Actor, environmentId: number): Promise<PaletteRecord[]> {
  assertActorCan(actor, "apiKeys", "view");
  assertActorCan(actor, "credentials", "view");
  assertActorCan(actor, "webhooks", "view");
  await assertEnvironment(actor, environmentId);
  const [keys, credentials, endpoints] = await Promise.all([
    db().apiKey.findMany({
      where: { environmentId, revokedAt: null },
      orderBy: { createdAt: "desc" },
      take: 200,
      select: { id: true, name: true, clientId: true },
    }),
    db().credential.findMany({
      where: { environmentId },
      orderBy: { updatedAt: "desc" },
      take: 200,
      select: { id: true, name: true, type: true },
    }),
    db().webhookEndpoint.findMany({
      where: { environmentId },
      orderBy: { updatedAt: "desc" },
      take: 200,
      select: { id: true, name: true, url: true },
    }),
  ]);
  return [
    ...keys.map((k) => ({ kind: "api-key" as const, id: k.id, name: k.name, detail: k.clientId })),
    ...credentials.map((c) => ({ kind: "credential" as const, id: c.id, name: c.name, detail: c.type })),
    ...endpoints.map((e) => ({ kind: "webhook-endpoint" as const, id: e.id, name: e.name, detail: e.url })),
  ];
}
