import type { AnalyticsBatchView, AnalyticsExportView } from "@/lib/analytics-export";
import { formatDateTime } from "@/lib/dates";
import { Badge } from "@/components/ui/badge";
import { Alert, Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { RetryExportButton } from "./retry-export-button";

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** "5 minutes", "1 hour", "90 seconds". */
export function intervalInWords(seconds: number): string {
  if (seconds % 3600 === 0) return plural(seconds / 3600, "hour");
  if (seconds % 60 === 0) return plural(seconds / 60, "minute");
  return plural(seconds, "second");
}

export function bytesInWords(bytes: number): string {
  if (bytes < 1024) return plural(bytes, "byte");
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

const STATUS: Record<AnalyticsBatchView["status"], { label: string; tone: "success" | "info" | "danger" }> = {
  exported: { label: "Written", tone: "success" },
  pending: { label: "Waiting", tone: "info" },
  failing: { label: "Failing", tone: "danger" },
};

function Figures({ view }: { view: AnalyticsExportView }) {
  const figures = [
    ["Last export", view.lastExportAt ? formatDateTime(view.lastExportAt) : "Never"],
    ["Objects written", view.objectsWritten.toLocaleString("en")],
    ["Events written", view.eventsWritten.toLocaleString("en")],
    ["Bytes written", bytesInWords(view.bytesWritten)],
    ["Waiting or failing", view.pending.toLocaleString("en")],
  ] as const;
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-5" aria-label={`Export figures of ${view.name}`}>
      {figures.map(([label, value]) => (
        <div key={label} className="rounded-md bg-slate-50 px-3 py-2">
          <dt className="text-xs text-slate-600">{label}</dt>
          <dd className="text-base font-semibold">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Batches({ view }: { view: AnalyticsExportView }) {
  if (view.recent.length === 0)
    return (
      <p className="text-sm text-slate-600">
        No batch yet: the first is cut once an interval with events has ended.
      </p>
    );
  return (
    <Table aria-label={`Recent exports of ${view.name}`}>
      <thead>
        <tr>
          <Th>Interval</Th>
          <Th>Object</Th>
          <Th>Events</Th>
          <Th>Status</Th>
        </tr>
      </thead>
      <tbody>
        {view.recent.map((batch) => (
          <tr key={batch.id}>
            <Td className="whitespace-nowrap text-xs">
              {formatDateTime(batch.intervalStart)}
              <span className="block text-slate-600">to {formatDateTime(batch.intervalEnd)}</span>
            </Td>
            <Td className="break-all font-mono text-xs">{batch.objectKey}</Td>
            <Td>{batch.events.toLocaleString("en")}</Td>
            <Td className="text-xs">
              <Badge tone={STATUS[batch.status].tone}>{STATUS[batch.status].label}</Badge>
              <span className="mt-1 block text-slate-600">
                {batch.status === "exported"
                  ? `${formatDateTime(batch.exportedAt)}${batch.bytes !== null ? ` · ${bytesInWords(batch.bytes)}` : ""}${batch.attempts > 1 ? ` · after ${batch.attempts} attempts` : ""}`
                  : batch.status === "failing"
                    ? `${plural(batch.attempts, "attempt")}; next ${formatDateTime(batch.nextAttemptAt)}`
                    : "Not attempted yet"}
              </span>
              {batch.lastError ? <span className="mt-1 block text-red-800">{batch.lastError}</span> : null}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/**
 * The bucket page's exports: what each S3 analytics bucket received, and why it did not.
 * Rendered on the server; the retry button is its one client part.
 */
export function AnalyticsExports({
  exports,
  intervalSeconds,
  retentionDays,
  canEdit,
}: {
  exports: AnalyticsExportView[];
  intervalSeconds: number;
  retentionDays: number;
  canEdit: boolean;
}) {
  if (exports.length === 0) return null;
  return (
    <Card aria-labelledby="analytics-exports-heading" className="mt-6 space-y-4 p-5">
      <div>
        <h2 id="analytics-exports-heading" className="text-base font-semibold">
          Exports
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Every {intervalInWords(intervalSeconds)}, the environment&rsquo;s events of the interval are written
          to each bucket as one gzipped NDJSON object,{" "}
          <code className="font-mono text-xs">analytics/YYYY/MM/DD/HH/&lt;batch&gt;.ndjson.gz</code> below its
          prefix: one line per event with its id, type, timestamp and data. A batch that fails is retried with
          the same content under the same key. The figures cover the last {plural(retentionDays, "day")}.
        </p>
      </div>
      {exports.map((view) => (
        <section key={view.integrationId} aria-label={`Exports to ${view.name}`} className="space-y-3">
          <h3 className="text-sm font-semibold">{view.name}</h3>
          <Figures view={view} />
          {view.lastFailure ? (
            <Alert tone="danger" role="alert" className="flex flex-wrap items-start justify-between gap-3">
              <span>
                {plural(view.failing, "batch", "batches")} failing. Last attempt{" "}
                {formatDateTime(view.lastFailure.at)}: {view.lastFailure.message}
              </span>
              {canEdit ? <RetryExportButton integrationId={view.integrationId} name={view.name} /> : null}
            </Alert>
          ) : null}
          <Batches view={view} />
        </section>
      ))}
    </Card>
  );
}
