import "server-only";
import { db } from "../../db";
import { emitEvent } from "../emit";
import { streamIdAt } from "../stream-ids";

// The worker's periodic jobs: the `api_key.expiring` notices and pruning the webhook history.

export const EXPIRY_NOTICE_MS = 7 * 24 * 60 * 60 * 1000;
const NOTICE_BATCH = 100;
export const PRUNE_BATCH = 500;
const PRUNE_MAX_BATCHES = 20;

/**
 * Emits `api_key.expiring` once per key, 7 days before it expires (at once for a key created
 * with less time left). The key's expiryNoticeAt is set in the event's own transaction and only
 * while still unset, so two instances running this together emit it once.
 */
export async function emitExpiryNotices(now: Date = new Date()): Promise<number> {
  const keys = await db().apiKey.findMany({
    where: {
      expiryNoticeAt: null,
      revokedAt: null,
      expiresAt: { gt: now, lte: new Date(now.getTime() + EXPIRY_NOTICE_MS) },
    },
    select: { id: true, name: true, clientId: true, environmentId: true, expiresAt: true },
    orderBy: { expiresAt: "asc" },
    take: NOTICE_BATCH,
  });
  let emitted = 0;
  for (const key of keys) {
    const claimed = await db().$transaction(async (tx) => {
      // Raw: a notice is not an edit of the key (its updatedAt stays).
      const count =
        await tx.$executeRaw`UPDATE "api_key" SET "expiryNoticeAt" = ${now} WHERE "id" = ${key.id} AND "expiryNoticeAt" IS NULL`;
      if (count !== 1) return false;
      await emitEvent(tx, {
        environmentId: key.environmentId,
        type: "api_key.expiring",
        data: {
          id: key.id,
          name: key.name,
          clientId: key.clientId,
          expiresAt: key.expiresAt?.toISOString() ?? null,
        },
        at: now,
      });
      return true;
    });
    if (claimed) emitted++;
  }
  return emitted;
}

/**
 * Deletes webhook messages (with their attempts) and events older than the retention, in batches
 * so no statement holds the tables for long. Returns how many messages and events went. "Older"
 * is read from the id, which starts with the millisecond it was minted in (the write's own time):
 * the primary key finds them, and the writes keep no index of createdAt for this alone.
 */
export async function pruneWebhookHistory(
  retentionDays: number,
  now: Date = new Date(),
  batch: number = PRUNE_BATCH,
): Promise<{ messages: number; events: number }> {
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
  const client = db();
  let messages = 0;
  let events = 0;
  for (let round = 0; round < PRUNE_MAX_BATCHES; round++) {
    const ids = (
      await client.webhookMessage.findMany({
        where: { id: { lt: streamIdAt("msg", cutoff.getTime()) } },
        select: { id: true },
        take: batch,
      })
    ).map((row) => row.id);
    if (ids.length === 0) break;
    await client.$transaction([
      client.webhookAttempt.deleteMany({ where: { messageId: { in: ids } } }),
      client.webhookMessage.deleteMany({ where: { id: { in: ids } } }),
    ]);
    messages += ids.length;
    if (ids.length < batch) break;
  }
  for (let round = 0; round < PRUNE_MAX_BATCHES; round++) {
    const ids = (
      await client.event.findMany({
        where: { id: { lt: streamIdAt("evt", cutoff.getTime()) } },
        select: { id: true },
        take: batch,
      })
    ).map((row) => row.id);
    if (ids.length === 0) break;
    await client.$transaction([
      client.webhookAttempt.deleteMany({ where: { message: { eventId: { in: ids } } } }),
      client.webhookMessage.deleteMany({ where: { eventId: { in: ids } } }),
      client.event.deleteMany({ where: { id: { in: ids } } }),
    ]);
    events += ids.length;
    if (ids.length < batch) break;
  }
  return { messages, events };
}
