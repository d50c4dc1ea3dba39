// How the console shows dates: absolute times in UTC, rendered on the server so a page reads
// the same for everyone ("2026-11-25 19:13 UTC"), and "—" for none.

function toDate(value: Date | string): Date {
  return typeof value === "string" ? new Date(value) : value;
}

/** "YYYY-MM-DD HH:MM UTC", or "—" when there is no date. */
export function formatDateTime(value: Date | string | null): string {
  if (!value) return "—";
  return `${toDate(value).toISOString().replace("T", " ").slice(0, 16)} UTC`;
}

/** "YYYY-MM-DD" (UTC), or "—" when there is no date. */
export function formatDate(value: Date | string | null): string {
  if (!value) return "—";
  return toDate(value).toISOString().slice(0, 10);
}
