import type { IntegrationTestResult } from "@/lib/integrations";
import type { RequestView, ResponseView } from "@/lib/credentials";
import { testHeadline, wasNotSent } from "@/lib/credentials/test-headline";
import { When } from "@/components/when";
import { Badge } from "@/components/ui/badge";
import { Alert } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";

const STEP_LABELS = { write: "Write", read: "Read", delete: "Delete" } as const;

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-1 sm:grid-cols-[10rem_1fr]">
      <dt className="text-sm font-medium text-slate-600">{term}</dt>
      <dd className="min-w-0 break-all text-sm">{children}</dd>
    </div>
  );
}

function Exchange({
  request,
  response,
  notSent,
}: {
  request?: RequestView;
  response?: ResponseView;
  notSent: boolean;
}) {
  return (
    <>
      {request ? (
        <details className="rounded-md border border-slate-200 p-3 text-sm">
          <summary className="cursor-pointer font-medium">
            {notSent ? "Request not sent" : "Request sent"} (secrets redacted)
          </summary>
          <pre className="mt-2 overflow-x-auto whitespace-pre-wrap break-all font-mono text-xs">
            {`${request.method} ${request.url}\n${Object.entries(request.headers)
              .map(([k, v]) => `${k}: ${v}`)
              .join("\n")}${request.body ? `\n\n${request.body}` : ""}`}
          </pre>
        </details>
      ) : null}
      {response ? (
        <details className="rounded-md border border-slate-200 p-3 text-sm">
          <summary className="cursor-pointer font-medium">
            Response: {response.status} {response.statusText} · {Math.round(response.timing.totalMs)} ms
          </summary>
          <pre className="mt-2 overflow-x-auto whitespace-pre-wrap break-all font-mono text-xs">
            {`${Object.entries(response.headers)
              .map(([k, v]) => `${k}: ${v}`)
              .join("\n")}\n\n${response.body}${response.bodyTruncated ? "\n… (truncated)" : ""}`}
          </pre>
        </details>
      ) : null}
    </>
  );
}

/** What a premium integration's Test found, step by step; no secret or token is ever in it. */
export function TestResultPanel({ result }: { result: IntegrationTestResult }) {
  // The same headline as a credential's Test: "Passed.", "Failed." or "Not sent: …".
  const headline = testHeadline(result);
  return (
    <div className="space-y-4" aria-label="Test result" role="region">
      <Alert tone={headline.tone} role="status">
        <strong>{headline.lead} </strong>
        {headline.text}
      </Alert>
      {result.s3 ? (
        <dl>
          <Detail term="Endpoint">
            {result.s3.endpoint} ({result.s3.addressing})
          </Detail>
          <Detail term="Bucket">{result.s3.bucket}</Detail>
          <Detail term="Probe object">{result.s3.key}</Detail>
          <Detail term="Credential">{result.s3.credential}</Detail>
        </dl>
      ) : null}
      {result.steps?.length ? (
        <Table aria-label="Probe steps">
          <thead>
            <tr>
              <Th>Step</Th>
              <Th>Result</Th>
              <Th>Status</Th>
              <Th>Time</Th>
              <Th>Details</Th>
            </tr>
          </thead>
          <tbody>
            {result.steps.map((step) => (
              <tr key={step.step}>
                <Td className="font-medium">{STEP_LABELS[step.step]}</Td>
                <Td>
                  <Badge
                    tone={
                      step.outcome === "ok" ? "success" : step.outcome === "failed" ? "danger" : "neutral"
                    }
                  >
                    {step.outcome === "ok" ? "OK" : step.outcome === "failed" ? "Failed" : "Skipped"}
                  </Badge>
                </Td>
                <Td>{step.status ?? "—"}</Td>
                <Td>{step.ms !== null ? `${step.ms} ms` : "—"}</Td>
                <Td className="break-all text-xs">{step.message}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      {result.token ? (
        <dl>
          <Detail term="Status">{result.token.status}</Detail>
          <Detail term="Token type">{result.token.tokenType ?? "—"}</Detail>
          <Detail term="Expires in">
            {result.token.expiresIn !== null ? `${result.token.expiresIn} s` : "—"}
          </Detail>
          {result.token.expiresAt ? (
            <Detail term="Expires at">
              <When value={result.token.expiresAt} />
            </Detail>
          ) : null}
          <Detail term="Scope">{result.token.scope ?? "—"}</Detail>
          {result.token.restInstanceUrl ? (
            <Detail term="REST instance URL">{result.token.restInstanceUrl}</Detail>
          ) : null}
          {result.token.soapInstanceUrl ? (
            <Detail term="SOAP instance URL">{result.token.soapInstanceUrl}</Detail>
          ) : null}
        </dl>
      ) : null}
      <Exchange request={result.request} response={result.response} notSent={wasNotSent(result)} />
    </div>
  );
}
