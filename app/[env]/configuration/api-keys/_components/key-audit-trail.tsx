import type { AuditEventView } from "@/lib/audit";
import { AuditDetails } from "@/components/audit-details";
import { actionInWords } from "@/lib/audit/actions";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/dates";

const LABELS: Record<string, string> = {
  "api_key.create": "Created",
  "api_key.update": "Edited",
  "api_key.rotate": "Secret rotated",
  "api_key.revoke": "Revoked",
};

export function KeyAuditTrail({ events, auditLogHref }: { events: AuditEventView[]; auditLogHref: string }) {
  return (
    <Card aria-labelledby="audit-heading" className="p-5">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="audit-heading" className="text-base font-semibold">
          Audit trail
        </h2>
        <a href={auditLogHref} className="text-xs text-brand-700 underline">
          Full audit log
        </a>
      </div>
      {events.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No recorded changes.</p>
      ) : (
        <ol className="mt-3 space-y-3" aria-label="Changes to this key">
          {events.map((event) => (
            <li key={event.id} className="border-l-2 border-brand-100 pl-3 text-sm">
              <div className="font-medium">{LABELS[event.action] ?? actionInWords(event.action)}</div>
              <div className="text-xs text-slate-600">
                {event.actorLabel} ·{" "}
                <time dateTime={event.createdAt.toISOString()}>{formatDateTime(event.createdAt)}</time>
                {event.ip ? (
                  <>
                    {" "}
                    · <span className="font-mono">{event.ip}</span>
                  </>
                ) : null}
              </div>
              <AuditDetails details={event.details} className="mt-0.5 break-words" />
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
