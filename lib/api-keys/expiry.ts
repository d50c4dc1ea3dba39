// An API key's expiry as the console offers it: a date means "through the end of that day" in
// the member's own time zone, stored as the instant that day ends. Pure: the zone is the one of
// the JavaScript runtime that calls these (the browser for the console's forms).

/** The presets next to the date picker, in days from today. */
export const EXPIRY_PRESET_DAYS = [7, 30, 60, 90] as const;

/** "YYYY-MM-DD" of an instant in the local time zone. */
export function localDateValue(instant: Date | string | null): string {
  if (!instant) return "";
  const date = typeof instant === "string" ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The last millisecond of a "YYYY-MM-DD" day in the local time zone; null when not a date. */
export function endOfLocalDay(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const end = new Date(year, month, day, 23, 59, 59, 999);
  // new Date rolls 2026-02-31 over into March: such a day does not exist.
  return end.getFullYear() === year && end.getMonth() === month && end.getDate() === day ? end : null;
}

/** Today plus `days` (local calendar days), as "YYYY-MM-DD". */
export function localDateInDays(days: number, now = Date.now()): string {
  const today = new Date(now);
  return localDateValue(new Date(today.getFullYear(), today.getMonth(), today.getDate() + days, 12));
}

/** Whole days left (rounded down), so a key working through the end of the day after tomorrow has 2. */
/** The local time zone's name and offset at an instant, e.g. "Europe/Paris, UTC+01:00". */
export function localZoneLabel(at: Date): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const offset = -at.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${zone}, UTC${sign}${hh}:${mm}`;
}
