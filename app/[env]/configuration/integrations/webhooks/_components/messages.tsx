import { Link } from "@/components/ui/link";
import { formatDateTime } from "@/lib/dates";
import type { MessagePage } from "@/lib/webhooks";
import type { AttemptView, MessageView } from "@/lib/webhooks/views";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { MessageStatusBadge } from "./status-badge";
import { RefreshButton, ReplayForm, ResendButton } from "./message-tools";

function AttemptRow({ attempt }: { attempt: AttemptView }) {
  const headers = attempt.request.headers ?? {};
  return (
    <tr>
      <Td className="text-xs whitespace-nowrap">{formatDateTime(attempt.createdAt)}</Td>
      <Td className="text-xs whitespace-nowrap">
        <span className={attempt.ok ? "text-green-800" : "text-red-800"}>
          {attempt.ok ? "Succeeded" : "Failed"}
          {attempt.httpStatus !== null ? ` · ${attempt.httpStatus}` : ""}
        </span>
        {attempt.trigger !== "scheduled" ? <div className="text-slate-600">{attempt.trigger}</div> : null}
        {attempt.error ? <div className="text-slate-700">{attempt.error}</div> : null}
      </Td>
      <Td className="text-xs whitespace-nowrap">{attempt.durationMs} ms</Td>
      <Td className="text-xs">
        <details>
          <summary className="cursor-pointer">
            {attempt.request.method ?? "POST"}{" "}
            <span className="font-mono break-all">{attempt.request.url}</span>
          </summary>
          <pre className="mt-1 max-h-48 overflow-auto rounded bg-slate-50 p-2 font-mono text-[11px] leading-4">
            {Object.entries(headers)
              .map(([name, value]) => `${name}: ${value}`)
              .join("\n")}
          </pre>
        </details>
      </Td>
      <Td className="text-xs">
        {attempt.responseExcerpt ? (
          <pre className="max-h-24 max-w-72 overflow-auto font-mono text-[11px] leading-4 whitespace-pre-wrap">
            {attempt.responseExcerpt}
          </pre>
        ) : (
          <span className="text-slate-600">—</span>
        )}
      </Td>
    </tr>
  );
}

function MessageItem({
  message,
  environment,
  endpointId,
  canEdit,
}: {
  message: MessageView;
  environment: string;
  endpointId: string;
  canEdit: boolean;
}) {
  return (
    <li className="border-b border-slate-100 px-4 py-3 last:border-0" aria-label={`Message ${message.id}`}>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <MessageStatusBadge status={message.status} />
        <span className="font-mono text-xs">{message.eventType}</span>
        <span className="font-mono text-xs text-slate-600">{message.id}</span>
        <span className="text-xs text-slate-600">{formatDateTime(message.createdAt)}</span>
        <span className="text-xs text-slate-600">
          {message.attempts.length} attempt{message.attempts.length === 1 ? "" : "s"}
          {message.status === "pending" && message.nextAttemptAt
            ? ` · next ${formatDateTime(message.nextAttemptAt)}`
            : ""}
        </span>
        {canEdit ? (
          <span className="ml-auto">
            <ResendButton environment={environment} id={endpointId} messageId={message.id} />
          </span>
        ) : null}
      </div>
      <details className="mt-2">
        <summary className="cursor-pointer text-xs text-brand-700">Payload and attempts</summary>
        <pre className="mt-2 max-h-60 overflow-auto rounded bg-slate-900 p-3 font-mono text-xs leading-5 text-slate-100">
          {JSON.stringify(message.payload, null, 2)}
        </pre>
        {message.attempts.length ? (
          <Table aria-label={`Attempts of ${message.id}`} className="mt-2">
            <thead>
              <tr>
                <Th>Time</Th>
                <Th>Result</Th>
                <Th>Duration</Th>
                <Th>Request (secrets redacted)</Th>
                <Th>Response</Th>
              </tr>
            </thead>
            <tbody>
              {message.attempts.map((attempt) => (
                <AttemptRow key={attempt.id} attempt={attempt} />
              ))}
            </tbody>
          </Table>
        ) : (
          <p className="mt-2 text-xs text-slate-600">No attempt yet.</p>
        )}
      </details>
    </li>
  );
}

export function Messages({
  page,
  environment,
  endpointId,
  base,
  filter,
  canEdit,
}: {
  page: MessagePage;
  environment: string;
  endpointId: string;
  base: string;
  filter: "failed" | "";
  canEdit: boolean;
}) {
  const tab = (label: string, value: "failed" | "") => (
    <Link
      href={value ? `${base}?status=${value}` : base}
      aria-current={filter === value ? "page" : undefined}
      className={
        filter === value
          ? "rounded-full bg-brand-50 px-3 py-1 font-medium text-brand-800"
          : "rounded-full px-3 py-1 text-brand-700 hover:bg-slate-100"
      }
    >
      {label}
    </Link>
  );
  return (
    <section aria-labelledby="messages-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-2">
          <h2 id="messages-heading" className="text-base font-semibold">
            Messages
          </h2>
          <nav aria-label="Filter messages" className="flex gap-1 text-sm">
            {tab("All", "")}
            {tab("Failed", "failed")}
          </nav>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          {canEdit ? <ReplayForm environment={environment} id={endpointId} /> : null}
          <RefreshButton live={page.data.some((message) => message.status === "pending")} />
        </div>
      </div>
      <Card>
        {page.data.length ? (
          <ul aria-label="Messages">
            {page.data.map((message) => (
              <MessageItem
                key={message.id}
                message={message}
                environment={environment}
                endpointId={endpointId}
                canEdit={canEdit}
              />
            ))}
          </ul>
        ) : (
          <p className="px-4 py-6 text-sm text-slate-600">
            {filter === "failed" ? "No failed messages." : "No messages yet. Send a test event to see one."}
          </p>
        )}
      </Card>
      {page.nextCursor ? (
        <div className="flex justify-end">
          <Link
            href={`${base}?${new URLSearchParams({ ...(filter ? { status: filter } : {}), after: page.nextCursor })}`}
            className="text-sm text-brand-700 hover:underline"
          >
            Older messages
          </Link>
        </div>
      ) : null}
    </section>
  );
}
