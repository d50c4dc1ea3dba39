import { formatDateTime, formatRelative } from "@/lib/dates";

/**
 * A date as the console shows it everywhere: "2026-11-25 19:13 UTC" in a <time> element (the
 * exact instant in its title), with the relative time ("3 minutes ago") under it when `now` is
 * given, and "—" (or `none`) when there is no date.
 */
export function When({
  value,
  now,
  seconds = false,
  none = "—",
  className,
}: {
  value: Date | string | null | undefined;
  /** The request's time (a server render's clock), to add "… ago". */
  now?: number;
  seconds?: boolean;
  none?: string;
  className?: string;
}) {
  if (!value) return <span className={className}>{none}</span>;
  const date = typeof value === "string" ? new Date(value) : value;
  const iso = date.toISOString();
  return (
    <time dateTime={iso} title={iso} className={className}>
      {formatDateTime(date, { seconds })}
      {now !== undefined ? <span className="block text-slate-600">{formatRelative(date, now)}</span> : null}
    </time>
  );
}
