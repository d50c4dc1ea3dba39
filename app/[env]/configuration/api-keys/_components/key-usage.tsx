import type { ApiKeyView, UsageHour } from "@/lib/api-keys";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/dates";

const COUNTERS = [
  ["tokenRequests", "Token requests"],
  ["apiRequests", "API requests"],
  ["status401", "401 Unauthorized"],
  ["status403", "403 Forbidden"],
  ["status429", "429 Too many requests"],
] as const;

export function KeyUsage({ apiKey, usage }: { apiKey: ApiKeyView; usage: UsageHour[] }) {
  const totals = Object.fromEntries(
    COUNTERS.map(([counter]) => [counter, usage.reduce((sum, hour) => sum + hour[counter], 0)]),
  );
  const peak = Math.max(1, ...usage.map((hour) => hour.tokenRequests + hour.apiRequests));
  return (
    <Card aria-labelledby="usage-heading" className="p-5">
      <h2 id="usage-heading" className="text-base font-semibold">
        Usage
      </h2>
      <div className="mt-3 text-sm">
        <div className="font-medium text-slate-600">Last used</div>
        {apiKey.lastUsedAt ? (
          <div className="mt-1 space-y-0.5">
            <div>{formatDateTime(apiKey.lastUsedAt)}</div>
            <div className="font-mono text-xs">from {apiKey.lastUsedIp ?? "an unknown address"}</div>
            {apiKey.lastUsedUserAgent ? (
              <div className="break-all text-xs text-slate-600">{apiKey.lastUsedUserAgent}</div>
            ) : null}
          </div>
        ) : (
          <div className="mt-1 text-slate-600">Never</div>
        )}
      </div>
      <h3 className="mt-5 text-sm font-medium text-slate-600">Last 24 hours</h3>
      <dl className="mt-2 grid grid-cols-2 gap-2">
        {COUNTERS.map(([counter, label]) => (
          <div key={counter} className="rounded-md bg-slate-50 px-3 py-2">
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd
              className={`text-lg font-semibold ${counter.startsWith("status") && totals[counter] > 0 ? "text-red-700" : ""}`}
            >
              {totals[counter]}
            </dd>
          </div>
        ))}
      </dl>
      {peak === 1 && usage.every((hour) => hour.tokenRequests + hour.apiRequests === 0) ? (
        <p className="mt-4 text-xs text-slate-600">No requests in the last 24 hours.</p>
      ) : (
        <div className="mt-4 flex h-12 items-end gap-px" aria-hidden>
          {usage.map((hour) => (
            <div
              key={hour.hour.toISOString()}
              className="flex-1 rounded-t-sm bg-brand-700/70"
              style={{ height: `${Math.max(2, ((hour.tokenRequests + hour.apiRequests) / peak) * 100)}%` }}
              title={`${formatDateTime(hour.hour)}: ${hour.tokenRequests + hour.apiRequests} requests`}
            />
          ))}
        </div>
      )}
    </Card>
  );
}
