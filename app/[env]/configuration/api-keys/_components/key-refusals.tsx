import type { RefusalView } from "@/lib/api-keys";
import { explainRefusal, MAX_REFUSALS_PER_KEY } from "@/lib/api-keys/refusal-reasons";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/dates";

/** "Why is my key failing?": the key's last refused requests, each with its reason and the fix. */
export function KeyRefusals({ refusals }: { refusals: RefusalView[] }) {
  return (
    <Card aria-labelledby="refusals-heading" className="p-5">
      <h2 id="refusals-heading" className="text-base font-semibold">
        Why is this key failing?
      </h2>
      <p className="mt-1 text-xs text-slate-600">
        The last {MAX_REFUSALS_PER_KEY} requests with this key that were refused, newest first, with what to
        change.
      </p>
      {refusals.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No refused requests.</p>
      ) : (
        <ol aria-label="Refused requests" className="mt-3 divide-y divide-slate-100">
          {refusals.map((refusal, index) => {
            const { words, fix } = explainRefusal(refusal.reason, refusal.params);
            return (
              <li key={index} className="space-y-1 py-2.5 text-sm">
                <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                  <strong className="font-medium text-red-800">
                    {refusal.status} · {words}
                  </strong>
                  <time className="text-xs text-slate-600" dateTime={new Date(refusal.at).toISOString()}>
                    {formatDateTime(refusal.at)}
                  </time>
                </div>
                {fix ? <p className="text-slate-800">Fix: {fix}</p> : null}
                <p className="font-mono text-xs break-all text-slate-600">
                  {refusal.method} {refusal.path} · from {refusal.ip ?? "an unknown address"}
                  {refusal.userAgent ? ` · ${refusal.userAgent}` : " · no User-Agent"}
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
