import "server-only";
import { recordAudit } from "../audit";
import { db } from "../db";
import { invalidateKeyStates, markKeysChanged } from "./key-state";
import { flushTraffic, pendingPreviousSecretUse } from "./traffic";

// The periodic job that ends a rotation's grace that follows traffic: once the previous secret
// (and the tokens issued under it) has been unused for the chosen minutes — counted from the
// rotation when it was never used — or at the 7-day limit. Each end is a compare-and-set on the
// key (same secret generation, same last use as read), so two instances never both end it and a
// use written meanwhile keeps the grace; it is audited in words and other instances refuse the
// old secret within the key cache's propagation bound (the change marker).

const BATCH = 200;
const MINUTE_MS = 60 * 1000;

export type GraceEnd = { keyId: string; reason: "unused" | "limit" };

export async function endSilentGraces(now: Date = new Date()): Promise<GraceEnd[]> {
  // This instance's own recent uses go to the database first, so they count.
  await flushTraffic();
  const keys = await db().apiKey.findMany({
    where: { previousSecretUnusedMinutes: { not: null }, previousSecretHash: { not: null } },
    select: {
      id: true,
      name: true,
      clientId: true,
      environmentId: true,
      environment: { select: { organisationId: true } },
      secretGeneration: true,
      secretRotatedAt: true,
      previousSecretExpiresAt: true,
      previousSecretUnusedMinutes: true,
      previousSecretLastUsedAt: true,
      previousSecretLastUsedIp: true,
    },
    orderBy: { id: "asc" },
    take: BATCH,
  });
  const ended: GraceEnd[] = [];
  for (const key of keys) {
    const minutes = key.previousSecretUnusedMinutes ?? 0;
    const pending = pendingPreviousSecretUse(key.id);
    const lastUse = Math.max(
      key.previousSecretLastUsedAt?.getTime() ?? 0,
      key.secretRotatedAt?.getTime() ?? 0,
      pending?.at ?? 0,
    );
    const silentMs = now.getTime() - lastUse;
    const atLimit = key.previousSecretExpiresAt !== null && key.previousSecretExpiresAt <= now;
    const reason = silentMs >= minutes * MINUTE_MS ? "unused" : atLimit ? "limit" : null;
    if (!reason) continue;
    const done = await db().$transaction(async (tx) => {
      const { count } = await tx.apiKey.updateMany({
        where: {
          id: key.id,
          secretGeneration: key.secretGeneration,
          previousSecretUnusedMinutes: { not: null },
          previousSecretLastUsedAt: key.previousSecretLastUsedAt,
        },
        // Not an edit of the key: its updatedAt and version stay.
        data: { previousSecretHash: null, previousSecretExpiresAt: null, previousSecretUnusedMinutes: null },
      });
      if (count !== 1) return false;
      await recordAudit(
        { type: "system", organisationId: key.environment.organisationId, label: "Rotation grace" },
        {
          action: "api_key.grace_end",
          environmentId: key.environmentId,
          target: { type: "api_key", id: key.id, label: `${key.name} (${key.clientId})` },
          details:
            reason === "unused"
              ? {
                  reason: `old secret unused for ${minutes} minutes`,
                  lastUsedAt: key.previousSecretLastUsedAt?.toISOString() ?? null,
                  lastUsedFrom: key.previousSecretLastUsedIp,
                }
              : {
                  reason: "the 7-day limit of the grace period was reached",
                  lastUsedAt: key.previousSecretLastUsedAt?.toISOString() ?? null,
                  lastUsedFrom: key.previousSecretLastUsedIp,
                },
        },
        tx,
      );
      await markKeysChanged(tx);
      return true;
    });
    if (done) ended.push({ keyId: key.id, reason });
  }
  if (ended.length) invalidateKeyStates();
  return ended;
}
