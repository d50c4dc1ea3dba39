import { describeAuditDetails } from "@/lib/audit/describe";
import { cn } from "@/lib/cn";

/** An audit entry's details as "Label: value · Label: value" (full text in the tooltip when truncated). */
export function AuditDetails({
  details,
  className,
}: {
  details: Record<string, unknown>;
  className?: string;
}) {
  const lines = describeAuditDetails(details);
  if (!lines.length) return null;
  return (
    <div
      className={cn("text-xs text-slate-600", className)}
      title={lines.map((l) => `${l.label}: ${l.value}`).join(" · ")}
    >
      {lines.map((line, i) => (
        <span key={line.label}>
          {i ? " · " : ""}
          <span className="font-medium text-slate-700">{line.label}:</span> {line.value}
        </span>
      ))}
    </div>
  );
}
