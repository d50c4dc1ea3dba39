// When a message is attempted again. Pure: the worker and the tests share it.

/** An endpoint whose every delivery has failed for this long is disabled. */
export const DISABLE_AFTER_MS = 5 * 24 * 60 * 60 * 1000;

/** Statuses whose Retry-After is honoured. */
const RETRY_AFTER_STATUSES = new Set([429, 503]);

/**
 * Seconds from a Retry-After header (delta-seconds or an HTTP date); null when absent or
 * unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d{1,10}$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, (at - now.getTime()) / 1000);
}

export type NextStep = { kind: "retry"; delayMs: number } | { kind: "failed" };

/**
 * After the `attempts`-th attempt failed: the next attempt waits the schedule's next delay;
 * a longer Retry-After on a 429 or 503 is waited for, up to the step after that one. When the
 * schedule is used up the message has failed.
 */
export function nextStep(
  schedule: readonly number[],
  attempts: number,
  response: { status: number | null; retryAfter?: string },
  now: Date,
): NextStep {
  if (attempts >= schedule.length) return { kind: "failed" };
  const scheduled = schedule[attempts];
  let delay = scheduled;
  if (response.status !== null && RETRY_AFTER_STATUSES.has(response.status)) {
    const asked = parseRetryAfter(response.retryAfter, now);
    if (asked !== null && asked > scheduled) {
      const cap = Math.max(scheduled, schedule[attempts + 1] ?? scheduled);
      delay = Math.min(asked, cap);
    }
  }
  return { kind: "retry", delayMs: Math.round(delay * 1000) };
}
