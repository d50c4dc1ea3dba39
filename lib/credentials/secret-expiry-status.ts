// When a credential's secret expires at its provider, in the console's words. Pure and client-safe.

export const DAY_MS = 24 * 60 * 60 * 1000;
/** Days before the expiry when a notice goes out, the earliest first. */
export const SECRET_EXPIRY_THRESHOLDS = [14, 3] as const;

/** The day a `YYYY-MM-DD` date starts (UTC): the secret is treated as expired from then on. */
export function secretExpiryDate(day: string): Date | null {
  return day ? new Date(`${day}T00:00:00Z`) : null;
}

/** Whole days left (rounded up) until `expiresAt`; 0 or less once it has passed. */
export function daysLeft(expiresAt: Date, now: Date = new Date()): number {
  return Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS);
}

/** The notice due at `now` for a secret expiring at `expiresAt`: 14, 3, or none (too early or expired). */
export function dueThreshold(expiresAt: Date, now: Date): number | null {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return null;
  let due: number | null = null;
  for (const days of SECRET_EXPIRY_THRESHOLDS) if (left <= days * DAY_MS) due = days;
  return due;
}

/** What the console says about a secret's expiry: nothing, soon (within 14 days), or expired. */
export type SecretExpiryStatus = { state: "none" | "later" | "soon" | "expired"; daysLeft: number | null };
export function secretExpiryStatus(expiresAt: Date | null, now: Date = new Date()): SecretExpiryStatus {
  if (!expiresAt) return { state: "none", daysLeft: null };
  const left = daysLeft(expiresAt, now);
  if (expiresAt.getTime() <= now.getTime()) return { state: "expired", daysLeft: left };
  return {
    state: left <= SECRET_EXPIRY_THRESHOLDS[0] ? "soon" : "later",
    daysLeft: left,
  };
}
