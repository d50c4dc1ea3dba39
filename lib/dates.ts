// How the console shows dates, on every page and table (components/when.tsx renders them): absolute
// times in UTC, rendered on the server so a page reads the same for everyone
// ("2026-11-25 19:13 UTC", the audit log adds seconds), "—" for none, and where recency matters
// the relative time beside it ("3 minutes ago").

function toDate(value: Date | string): Date {
  return typeof value === "string" ? new Date(value) : value;
}

/** "YYYY-MM-DD HH:MM UTC" ("HH:MM:SS" with `seconds`), or "—" when there is no date. */
export function formatDateTime(value: Date | string | null, { seconds = false } = {}): string {
  if (!value) return "—";
  return `${toDate(value)
    .toISOString()
    .replace("T", " ")
    .slice(0, seconds ? 19 : 16)} UTC`;
}

/** "YYYY-MM-DD" (UTC), or "—" when there is no date. */
export function formatDate(value: Date | string | null): string {
  if (!value) return "—";
  return toDate(value).toISOString().slice(0, 10);
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600_000],
  ["month", 30 * 24 * 3600_000],
  ["day", 24 * 3600_000],
  ["hour", 3600_000],
  ["minute", 60_000],
];
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "3 minutes ago", "in 2 days", "just now" (under a minute), relative to `now`. */
export function formatRelative(value: Date | string, now: number): string {
  const diff = toDate(value).getTime() - now;
  for (const [unit, ms] of RELATIVE_UNITS) {
    if (Math.abs(diff) >= ms) return relative.format(Math.trunc(diff / ms), unit);
  }
  return "just now";
}
