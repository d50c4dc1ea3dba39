import "server-only";
import { db } from "../db";
import { batchedWriter, periodEntry, requeuePeriodEntry } from "../db/batched-writer";

// Usage counters (per key and hour) and "last used" are coalesced in memory and written in
// batches every couple of seconds and on shutdown, so API traffic is not a database write per
// request. A crash loses at most the last interval's counts, which is acceptable for statistics.

export const USAGE_COUNTERS = [
  "tokenRequests",
  "apiRequests",
  "status401",
  "status403",
  "status429",
] as const;
export type UsageCounter = (typeof USAGE_COUNTERS)[number];
type Counts = Record<UsageCounter, number>;

type Bucket = Counts & { keyId: string; hour: number };
type LastUsed = { at: number; ip: string | null; userAgent: string | null };

type Pending = { buckets: Map<string, Bucket>; lastUsed: Map<string, LastUsed> };

const HOUR_MS = 60 * 60 * 1000;

const zeroCounts = (): Counts => ({
  tokenRequests: 0,
  apiRequests: 0,
  status401: 0,
  status403: 0,
  status429: 0,
});

/** Counts one event for a key; with `seen`, also records it as the key's last use. */
export function recordUsage(
  keyId: string,
  counter: UsageCounter,
  seen?: { ip: string | null; userAgent: string | null },
): void {
  const s = writer.pending;
  writer.schedule();
  const now = Date.now();
  const hour = now - (now % HOUR_MS);
  periodEntry(s.buckets, keyId, "hour", hour, () => ({ keyId, hour, ...zeroCounts() }))[counter]++;
  if (seen) s.lastUsed.set(keyId, { at: now, ip: seen.ip, userAgent: seen.userAgent?.slice(0, 300) ?? null });
}

function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null ? String((error as { code?: unknown }).code) : undefined;
}

const GONE = new Set(["P2003", "P2025"]); // the key was deleted before its counts were written

async function writeBucket(bucket: Bucket): Promise<void> {
  const hour = new Date(bucket.hour);
  const increments = Object.fromEntries(USAGE_COUNTERS.map((c) => [c, { increment: bucket[c] }])) as Record<
    UsageCounter,
    { increment: number }
  >;
  const create = {
    apiKeyId: bucket.keyId,
    hour,
    ...Object.fromEntries(USAGE_COUNTERS.map((c) => [c, bucket[c]])),
  };
  const write = () =>
    db().apiKeyUsage.upsert({
      where: { apiKeyId_hour: { apiKeyId: bucket.keyId, hour } },
      create,
      update: increments,
      select: { apiKeyId: true },
    });
  try {
    await write();
  } catch (error) {
    // Two instances created the same hour's row at once: the row exists now, so add to it.
    if (errorCode(error) !== "P2002") throw error;
    await write();
  }
}

async function writeBatch(batch: Pending, requeue: Pending): Promise<void> {
  for (const [id, bucket] of batch.buckets) {
    try {
      await writeBucket(bucket);
    } catch (error) {
      // The database is unavailable: keep the counts for the next flush.
      if (!GONE.has(errorCode(error) ?? "")) mergeBack(requeue, bucket);
    }
    // Written (or put back): no longer one of the batch's unwritten counts (`pendingUsage`).
    batch.buckets.delete(id);
  }
  for (const [keyId, seen] of batch.lastUsed) {
    await db()
      .apiKey.updateMany({
        where: { id: keyId },
        data: { lastUsedAt: new Date(seen.at), lastUsedIp: seen.ip, lastUsedUserAgent: seen.userAgent },
      })
      .catch(() => {
        if (!requeue.lastUsed.has(keyId)) requeue.lastUsed.set(keyId, seen);
      });
  }
}

function mergeBack(s: Pending, bucket: Bucket): void {
  requeuePeriodEntry(s.buckets, bucket.keyId, "hour", bucket, (into, from) => {
    for (const c of USAGE_COUNTERS) into[c] += from[c];
  });
}

const writer = batchedWriter<Pending>({
  name: "api-keys.usage",
  empty: () => ({ buckets: new Map(), lastUsed: new Map() }),
  isEmpty: (pending) => pending.buckets.size === 0 && pending.lastUsed.size === 0,
  write: writeBatch,
});

/** Writes the pending counters now. */
export const flushUsage = (): Promise<void> => writer.flush();

/**
 * Counts and last use recorded on this instance but not yet written: the pending ones and those
 * of the batch being written (the last use stays there until the whole batch is written, a count
 * until its own row is).
 */
export function pendingUsage(keyId: string): { buckets: Bucket[]; lastUsed: LastUsed | null } {
  let lastUsed: LastUsed | null = null;
  const buckets: Bucket[] = [];
  for (const batch of writer.unwritten()) {
    for (const bucket of batch.buckets.values()) if (bucket.keyId === keyId) buckets.push(bucket);
    const seen = batch.lastUsed.get(keyId);
    if (seen && (!lastUsed || seen.at > lastUsed.at)) lastUsed = seen;
  }
  return { buckets, lastUsed };
}

export type UsageHour = Counts & { hour: Date };

/** The last 24 hours, oldest first, one entry per hour (zeros included). */
export async function usageLast24Hours(keyId: string, now = Date.now()): Promise<UsageHour[]> {
  const currentHour = now - (now % HOUR_MS);
  const from = currentHour - 23 * HOUR_MS;
  const rows = await db().apiKeyUsage.findMany({
    where: { apiKeyId: keyId, hour: { gte: new Date(from) } },
    select: {
      hour: true,
      tokenRequests: true,
      apiRequests: true,
      status401: true,
      status403: true,
      status429: true,
    },
  });
  const hours = new Map<number, Counts>();
  for (let h = from; h <= currentHour; h += HOUR_MS) hours.set(h, zeroCounts());
  const add = (hour: number, counts: Counts) => {
    const target = hours.get(hour);
    if (target) for (const c of USAGE_COUNTERS) target[c] += counts[c];
  };
  for (const row of rows) add(row.hour.getTime(), row);
  for (const bucket of pendingUsage(keyId).buckets) add(bucket.hour, bucket);
  return [...hours.entries()].map(([hour, counts]) => ({ hour: new Date(hour), ...counts }));
}
