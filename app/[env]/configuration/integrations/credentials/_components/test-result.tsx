import type { CredentialTestResult, RequestView, ResponseView, TokenView } from "@/lib/credentials";
import type { SentResponse } from "@/lib/requests/view";
import type { ReactNode, Ref } from "react";
import { Alert, Card } from "@/components/ui/card";
import { testHeadline, wasNotSent } from "@/lib/credentials/test-headline";

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-2">
      <h4 className="text-sm font-semibold text-slate-800">{title}</h4>
      {children}
    </section>
  );
}

export function Pre({ children }: { children: string }) {
  return (
    <pre className="max-h-80 overflow-auto whitespace-pre-wrap break-all rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">
      {children}
    </pre>
  );
}

export function Pairs({ label, pairs }: { label: string; pairs: [string, string | number | null][] }) {
  return (
    <div>
      <p className="mb-1 text-xs font-medium">{label}</p>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-xs">
        {pairs.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-mono text-slate-600">{k}</dt>
            <dd className="break-all font-mono">{v === null ? "—" : String(v)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

export const ms = (value: number | null) => (value === null ? null : `${Math.round(value * 10) / 10} ms`);

function RequestBlock({ title, request }: { title: string; request: RequestView }) {
  const head = `${request.method} ${request.url}\n${Object.entries(request.headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n")}`;
  return (
    <Section title={title}>
      <Pre>{request.body ? `${head}\n\n${request.body}` : head}</Pre>
    </Section>
  );
}

function ResponseBlock({ title, response }: { title: string; response: ResponseView }) {
  return (
    <Section title={title}>
      <p className="text-sm">
        Status <strong data-testid="response-status">{response.status}</strong> {response.statusText}
        {response.remoteAddress ? (
          <span className="text-slate-600"> from {response.remoteAddress}</span>
        ) : null}
      </p>
      <Pairs
        label="Timing"
        pairs={[
          ["DNS", ms(response.timing.dnsMs)],
          ["Connect", ms(response.timing.connectMs)],
          ["TLS", ms(response.timing.tlsMs)],
          ["First byte", ms(response.timing.firstByteMs)],
          ["Total", ms(response.timing.totalMs)],
        ]}
      />
      <Pairs label="Response headers" pairs={Object.entries(response.headers)} />
      <Pre>{response.body || "(empty body)"}</Pre>
      {response.bodyTruncated ? (
        <p className="text-xs text-slate-600">
          The body is cut for display ({response.bodyBytes} bytes received).
        </p>
      ) : null}
    </Section>
  );
}

function TokenBlock({ token, summary }: { token: TokenView; summary: string }) {
  // Nothing came back (the request was refused or failed on the way): no table of empty values,
  // and the reason only where the headline does not already give it.
  const answered = token.response !== null || token.status !== null;
  const error = token.error && !summary.includes(token.error) ? token.error : null;
  if (!answered && !token.request && !error) return null;
  return (
    <Section title="Token request">
      {answered ? (
        <Pairs
          label="Token"
          pairs={[
            ["status", token.status],
            ["token_type", token.tokenType],
            ["expires_in", token.expiresIn],
            ["scope", token.scope],
            ["from cache", token.cached ? "yes" : "no"],
          ]}
        />
      ) : null}
      {error ? <p className="text-sm text-red-800">{error}</p> : null}
      {token.claims ? (
        <>
          <p className="text-xs text-slate-600">
            The access token is a JWT; its decoded claims (the token itself is never shown):
          </p>
          <Pre>{JSON.stringify(token.claims, null, 2)}</Pre>
        </>
      ) : null}
      {token.request ? (
        <RequestBlock title="Token request sent (secrets redacted)" request={token.request} />
      ) : null}
      {token.response ? (
        <ResponseBlock title="Token response (token redacted)" response={token.response} />
      ) : null}
    </Section>
  );
}

/** The result panel of a live test: everything here was redacted by lib/credentials. */
export function TestResult({
  result,
  headingRef,
}: {
  result: CredentialTestResult;
  /** The heading, focused and scrolled into view when a new result arrives. */
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const headline = testHeadline(result);
  const notSent = wasNotSent(result);
  return (
    <Card className="space-y-5 p-6" aria-labelledby="test-result-heading">
      <h3
        id="test-result-heading"
        ref={headingRef}
        tabIndex={-1}
        className="text-base font-semibold outline-none"
      >
        Test result
      </h3>
      <Alert tone={headline.tone} role="status">
        <strong>{headline.lead} </strong>
        {headline.text}
      </Alert>
      {result.warnings.map((warning) => (
        <Alert key={warning} tone="warning">
          {warning}
        </Alert>
      ))}
      {result.token ? <TokenBlock token={result.token} summary={result.summary} /> : null}
      {result.jwt ? (
        <Section title="JWT produced">
          <p className="text-xs text-slate-600">
            Expires {result.jwt.expiresAt}
            {result.jwt.cached ? " (from cache)" : ""}. Header and claims (the signed token itself is never
            shown):
          </p>
          <Pre>{JSON.stringify({ header: result.jwt.header, claims: result.jwt.claims }, null, 2)}</Pre>
        </Section>
      ) : null}
      {result.signing ? (
        <Section title="AWS Signature Version 4">
          <Pairs
            label="Signing"
            pairs={[
              ["Credential scope", result.signing.credentialScope],
              ["Signed headers", result.signing.signedHeaders.join(";")],
            ]}
          />
          <p className="text-xs font-medium">Canonical request</p>
          <Pre>{result.signing.canonicalRequest}</Pre>
          <p className="text-xs font-medium">String to sign</p>
          <Pre>{result.signing.stringToSign}</Pre>
        </Section>
      ) : null}
      {result.request ? (
        <RequestBlock
          title={notSent ? "Request not sent (secrets redacted)" : "Request sent (secrets redacted)"}
          request={result.request}
        />
      ) : null}
      {result.response ? <ResponseBlock title="Response" response={result.response} /> : null}
    </Card>
  );
}

/** The answer of Send request. */
export function SentResult({ sent }: { sent: SentResponse }) {
  return (
    <Card className="space-y-4 p-6" aria-labelledby="sent-heading">
      <h3 id="sent-heading" className="text-base font-semibold">
        Response
      </h3>
      <Alert tone={sent.status < 400 ? "success" : "warning"} role="status">
        The destination answered <strong data-testid="sent-status">{sent.status}</strong> {sent.statusText}.
      </Alert>
      <Pairs
        label="Timing"
        pairs={[
          ["DNS", ms(sent.timings.dnsMs)],
          ["Connect", ms(sent.timings.connectMs)],
          ["TLS", ms(sent.timings.tlsMs)],
          ["First byte", ms(sent.timings.firstByteMs)],
          ["Total", ms(sent.timings.totalMs)],
        ]}
      />
      <Pairs label="Response headers" pairs={Object.entries(sent.headers)} />
      <Section title={sent.bodyEncoding === "base64" ? "Body (binary, base64)" : "Body"}>
        <Pre>{sent.body || "(empty body)"}</Pre>
        {sent.truncated ? (
          <p className="text-xs text-slate-600">The body was cut at {sent.bodyBytes} bytes.</p>
        ) : null}
      </Section>
    </Card>
  );
}
