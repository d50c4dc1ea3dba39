// Dates on API key pages: whole days until an expiry for the "expires in N days" warnings and
// the values of the expiry date picker (lib/dates.ts formats dates for display).
import { formatDate } from "@/lib/dates";

const DAY_MS = 24 * 60 * 60 * 1000;
export const EXPIRY_WARNING_DAYS = 7;

/** Whole days left (rounded up): 0 when already past. */
export function daysUntil(value: Date | string, now = Date.now()): number {
  const date = typeof value === "string" ? new Date(value) : value;
  return Math.max(0, Math.ceil((date.getTime() - now) / DAY_MS));
}

export type ExpiryState = { tone: "neutral" | "warning" | "danger"; label: string } | null;

export function expiryState(expiresAt: Date | string | null, now = Date.now()): ExpiryState {
  if (!expiresAt) return null;
  const date = typeof expiresAt === "string" ? new Date(expiresAt) : expiresAt;
  if (date.getTime() <= now) return { tone: "danger", label: "Expired" };
  const days = daysUntil(date, now);
  const label = days <= 1 ? "Expires within a day" : `Expires in ${days} days`;
  return { tone: days < EXPIRY_WARNING_DAYS ? "warning" : "neutral", label };
}

/** "YYYY-MM-DD" for an <input type="date">, or "" for no expiry. */
export function dateInputValue(value: Date | string | null): string {
  return value ? formatDate(value) : "";
}

/** Tomorrow (UTC) as the earliest expiry the date picker offers. */
export function tomorrowInputValue(now = Date.now()): string {
  return new Date(now + DAY_MS).toISOString().slice(0, 10);
}

/**
 * The time a server-rendered page compares expiries against. Server components render once per
 * request, so reading the clock here is stable for that render.
 */
export function requestTime(): number {
  return Date.now();
}
