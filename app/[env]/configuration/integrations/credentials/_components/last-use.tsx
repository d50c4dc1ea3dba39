import type { LastUse as LastUseView } from "@/lib/credentials/views";
import { formatDateTime } from "@/lib/dates";

const BY_LABELS: Record<string, string> = {
  console: "the console",
  api_key: "API key",
  integration: "",
};

/** "Last used": when, by what, where to, and how it went. */
export function LastUse({ use, compact = false }: { use: LastUseView | null; compact?: boolean }) {
  if (!use) return <span className="text-slate-600">Never</span>;
  const by = `${BY_LABELS[use.byType] ?? use.byType} ${use.byLabel}`.trim();
  const result = use.ok === null ? "" : use.ok ? "OK" : "Failed";
  return (
    <span data-testid="last-use">
      {formatDateTime(use.at)} · by {by}
      {compact ? null : use.destination ? <> · {use.destination}</> : null}
      {result ? (
        <>
          {" "}
          · <span className={use.ok ? "text-green-800" : "text-red-700"}>{result}</span>
        </>
      ) : null}
      {!compact && use.summary ? <span className="block text-slate-600">{use.summary}</span> : null}
    </span>
  );
}
