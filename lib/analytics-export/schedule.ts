// Pure: the arithmetic of analytics export batches — intervals, object keys and the retry delays.
// Event ids start with the millisecond they were minted in (lib/webhooks/stream-ids.ts), so the
// ids of an interval [start, end) are exactly those with
// streamIdAt("evt", start) <= id < streamIdAt("evt", end).

export const BATCH_ID_PREFIX = "anb_";

/** The start of the interval of `intervalMs` that holds `ms` (intervals are aligned to the epoch, UTC). */
export function intervalStartOf(ms: number, intervalMs: number): number {
  return Math.floor(ms / intervalMs) * intervalMs;
}

const two = (n: number) => String(n).padStart(2, "0");

/** `<prefix>analytics/YYYY/MM/DD/HH/<batch-id>.ndjson.gz`, the hour of the interval's start in UTC. */
export function objectKeyOf(prefix: string, intervalStart: Date, batchId: string): string {
  const base = prefix.trim().replace(/^\/+/, "");
  const folder = base === "" || base.endsWith("/") ? base : `${base}/`;
  const d = intervalStart;
  const path = `${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${two(d.getUTCHours())}`;
  return `${folder}analytics/${path}/${batchId}.ndjson.gz`;
}

/** Seconds before the next attempt after the n-th failure (1-based): 30 s, 1, 5, 15 min, then hourly for ever. */
export const RETRY_DELAYS_SECONDS = [30, 60, 300, 900, 3600] as const;

export function retryDelayMs(failures: number): number {
  const index = Math.min(Math.max(failures, 1), RETRY_DELAYS_SECONDS.length) - 1;
  return RETRY_DELAYS_SECONDS[index] * 1000;
}

/** One NDJSON line per event: its id, then the payload webhooks carry ({ type, timestamp, data }). */
export function ndjsonLine(event: { id: string; payload: string }): string {
  let payload: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(event.payload);
    payload = typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    payload = {};
  }
  return `${JSON.stringify({ id: event.id, ...payload })}\n`;
}
