// The "Expires in N days" warning of the list and the key page, apart from the expiry picker's
// helpers (./expiry) so the picker's pages do not ship it.

const DAY_MS = 24 * 60 * 60 * 1000;

export function wholeDaysLeft(expiresAt: Date, now = Date.now()): number {
  return Math.max(0, Math.floor((expiresAt.getTime() - now) / DAY_MS));
}

export type ExpiryState = { tone: "neutral" | "warning" | "danger"; label: string } | null;
export const EXPIRY_WARNING_DAYS = 7;

/** The "Expires in N days" warning of the list and the key page. */
export function expiryState(expiresAt: Date | string | null, now = Date.now()): ExpiryState {
  if (!expiresAt) return null;
  const date = typeof expiresAt === "string" ? new Date(expiresAt) : expiresAt;
  if (date.getTime() <= now) return { tone: "danger", label: "Expired" };
  const days = wholeDaysLeft(date, now);
  const label =
    days < 1 ? "Expires within a day" : days === 1 ? "Expires in 1 day" : `Expires in ${days} days`;
  return { tone: days < EXPIRY_WARNING_DAYS ? "warning" : "neutral", label };
}
