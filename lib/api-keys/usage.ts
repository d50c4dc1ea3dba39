import "server-only";
import { db, processSingleton } from "../db";

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

type UsageState = {
  buckets: Map<string, Bucket>;
  lastUsed: Map<string, LastUsed>;
  timer: ReturnType<typeof setInterval> | null;
  flushing: Promise<void> | null;
};

const FLUSH_INTERVAL_MS = 2_000;
const HOUR_MS = 60 * 60 * 1000;

function state(): UsageState {
  return processSingleton<UsageState>("api-keys.usage", () => ({
    buckets: new Map(),
    lastUsed: new Map(),
    timer: null,
    flushing: null,
  }));
}

const zeroCounts = (): Counts => ({
  tokenRequests: 0,
  apiRequests: 0,
  status401: 0,
  status403: 0,
  status429: 0,
});

function ensureTimer(s: UsageState): void {
  if (s.timer) return;
  s.timer = setInterval(() => void flushUsage(), FLUSH_INTERVAL_MS);
  s.timer.unref();
}

/** Counts one event for a key; with `seen`, also records it as the key's last use. */
export function recordUsage(
  keyId: string,
  counter: UsageCounter,
  seen?: { ip: string | null; userAgent: string | null },
): void {
  const s = state();
  ensureTimer(s);
  const now = Date.now();
  const hour = now - (now % HOUR_MS);
  const id = `${keyId}|${hour}`;
  let bucket = s.buckets.get(id);
  if (!bucket) {
    bucket = { keyId, hour, ...zeroCounts() };
    s.buckets.set(id, bucket);
  }
  bucket[counter]++;
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

async function flushOnce(s: UsageState): Promise<void> {
  const buckets = [...s.buckets.values()];
  const lastUsed = [...s.lastUsed.entries()];
  s.buckets = new Map();
  s.lastUsed = new Map();
  for (const bucket of buckets) {
    try {
      await writeBucket(bucket);
    } catch (error) {
      if (GONE.has(errorCode(error) ?? "")) continue;
      mergeBack(s, bucket); // the database is unavailable: keep the counts for the next flush
    }
  }
  for (const [keyId, seen] of lastUsed) {
    await db()
      .apiKey.updateMany({
        where: { id: keyId },
        data: { lastUsedAt: new Date(seen.at), lastUsedIp: seen.ip, lastUsedUserAgent: seen.userAgent },
      })
      .catch(() => {
        if (!s.lastUsed.has(keyId)) s.lastUsed.set(keyId, seen);
      });
  }
}

function mergeBack(s: UsageState, bucket: Bucket): void {
  const id = `${bucket.keyId}|${bucket.hour}`;
  const current = s.buckets.get(id) ?? { keyId: bucket.keyId, hour: bucket.hour, ...zeroCounts() };
  for (const c of USAGE_COUNTERS) current[c] += bucket[c];
  s.buckets.set(id, current);
}

/** Writes the pending counters now. The server calls it on shutdown (buildApi's onClose). */
export async function flushUsage(): Promise<void> {
  const s = state();
  while (s.flushing) await s.flushing;
  if (s.buckets.size === 0 && s.lastUsed.size === 0) return;
  s.flushing = flushOnce(s).finally(() => {
    s.flushing = null;
  });
  await s.flushing;
}

export function stopUsageFlusher(): void {
  const s = state();
  if (s.timer) clearInterval(s.timer);
  s.timer = null;
}

/** Counts and last use recorded on this instance but not yet written. */
export function pendingUsage(keyId: string): { buckets: Bucket[]; lastUsed: LastUsed | null } {
  const s = state();
  return {
    buckets: [...s.buckets.values()].filter((b) => b.keyId === keyId),
    lastUsed: s.lastUsed.get(keyId) ?? null,
  };
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
