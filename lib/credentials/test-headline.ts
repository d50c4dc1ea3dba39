/** What a headline needs of a live test's result: a credential's Test or a premium integration's. */
type TestOutcome = { ok: boolean; summary: string; error?: { kind: string; message?: string } | null };

/** A live test's error kinds in words (lib/outbound's kinds plus the credential's own). */
export const TEST_ERROR_KINDS: Record<string, string> = {
  dns: "DNS lookup failed",
  refused: "Connection refused",
  timeout: "Timed out",
  tls: "TLS (https) error",
  blocked: "Refused by the address guard",
  network: "Network error",
  invalid_url: "Invalid URL",
  too_many_redirects: "Too many redirects",
  credential: "The credential could not be applied",
  decryption: "The stored secrets could not be decrypted",
  config: "Outbound configuration error",
  destination: "Outside the allowed destinations",
  setup: "The test could not be set up",
};

/** Kinds where the request never left this server: refused before any connection. */
const NOT_SENT = new Set([
  "blocked",
  "destination",
  "invalid_url",
  "config",
  "credential",
  "decryption",
  "setup",
]);

export function wasNotSent(result: Pick<TestOutcome, "ok" | "error">): boolean {
  return !result.ok && !!result.error && NOT_SENT.has(result.error.kind);
}

/**
 * The one line heading a test result: "Passed.", "Failed." or "Not sent:" and the summary, with
 * the kind's words only where the summary does not already say them.
 */
export function testHeadline(result: TestOutcome): {
  tone: "success" | "danger";
  lead: string;
  text: string;
} {
  if (result.ok) return { tone: "success", lead: "Passed.", text: result.summary };
  const label = result.error ? TEST_ERROR_KINDS[result.error.kind] : undefined;
  const text = label && !result.summary.includes(label) ? `${label}: ${result.summary}` : result.summary;
  return { tone: "danger", lead: wasNotSent(result) ? "Not sent:" : "Failed.", text };
}
