import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/dates";

/** The outcome of the last live test, with its time and summary. */
export function TestStatusBadge({
  testedAt,
  ok,
  summary,
}: {
  testedAt: Date | null;
  ok: boolean | null;
  summary: string | null;
}) {
  if (!testedAt) return <span className="text-slate-600">Never tested</span>;
  return (
    <span className="inline-flex flex-col gap-1">
      <span className="flex items-center gap-2">
        <Badge tone={ok ? "success" : "danger"}>{ok ? "Passed" : "Failed"}</Badge>
        <span className="whitespace-nowrap">{formatDateTime(testedAt)}</span>
      </span>
      {summary ? (
        <span className="line-clamp-2 max-w-60 break-words text-slate-600" title={summary}>
          {summary}
        </span>
      ) : null}
    </span>
  );
}
