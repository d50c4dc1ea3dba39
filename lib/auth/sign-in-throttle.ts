import "server-only";
import { db, isUniqueViolation } from "../db";
import { DomainError } from "../result";
import { signInThrottle } from "./config";

// Failed sign-ins per email (and per IP) in a sliding window, shared by every instance through
// the database. An attempt is *reserved* before its password is checked — counted as a failure
// until it succeeds — with a compare-and-swap on one row per email or IP, so parallel attempts
// cannot all pass the check before any failure is written: at most the limit is ever checked.

const PREFIX = "throttle:sign-in:";
const MAX_SWAP_ATTEMPTS = 50;

export type Bucket = { key: string; limit: number };
export type Reservation = { release(): Promise<void> };

function recent(value: string | undefined, since: number): number[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((t): t is number => typeof t === "number" && t > since) : [];
  } catch {
    return [];
  }
}

/** Changes one bucket's row atomically; `next` returns the new list, or null to leave it as is. */
async function swap(
  key: string,
  next: (current: number[]) => number[] | null,
  since: number,
): Promise<boolean> {
  const rowKey = `${PREFIX}${key}`;
  for (let attempt = 0; attempt < MAX_SWAP_ATTEMPTS; attempt += 1) {
    const row = await db().setting.findUnique({ where: { key: rowKey }, select: { value: true } });
    const list = next(recent(row?.value, since));
    if (list === null) return false;
    const value = JSON.stringify(list);
    if (!row) {
      try {
        await db().setting.create({ data: { key: rowKey, value }, select: { key: true } });
        return true;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        continue; // another attempt created it first: read it again
      }
    }
    const { count } = await db().setting.updateMany({
      where: { key: rowKey, value: row.value },
      data: { value },
    });
    if (count === 1) return true;
  }
  throw new Error("sign-in throttle: too much contention on one account");
}

/**
 * Reserves one attempt in every bucket, or none: null when a bucket is full. Release the
 * reservation when the attempt succeeds, so only failures count.
 */
export async function reserveAttempt(
  buckets: Bucket[],
  windowSeconds: number,
  now = Date.now(),
): Promise<Reservation | null> {
  const since = now - windowSeconds * 1000;
  const taken: string[] = [];
  const release = async () => {
    for (const key of taken)
      await swap(
        key,
        (list) => {
          const index = list.indexOf(now);
          return index < 0 ? null : [...list.slice(0, index), ...list.slice(index + 1)];
        },
        since,
      );
  };
  for (const bucket of buckets) {
    const ok = await swap(bucket.key, (list) => (list.length >= bucket.limit ? null : [...list, now]), since);
    if (!ok) {
      await release();
      return null;
    }
    taken.push(bucket.key);
  }
  return { release };
}

/**
 * A signed-in member types their own password again (change it, turn on two-factor): the check
 * shares the sign-in throttle's bucket for their email, so a borrowed session cannot try
 * passwords. Refuses with a DomainError when the bucket is full.
 */
export async function reserveOwnPasswordCheck(email: string): Promise<Reservation> {
  const { maxFailures, windowSeconds } = signInThrottle();
  const reservation = await reserveAttempt(
    [{ key: `email:${email.toLowerCase()}`, limit: maxFailures }],
    windowSeconds,
  );
  if (!reservation)
    throw new DomainError(
      `Too many wrong passwords. Try again in ${Math.round(windowSeconds / 60)} minutes.`,
      "unavailable",
    );
  return reservation;
}
