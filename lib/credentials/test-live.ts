import "server-only";
import { applyCredential } from "./apply";
import { SERVER_KINDS } from "./kinds/server";
import { createRedactor } from "./redact";
import { resolveDeps, type ResolveDeps } from "./resolve-deps";
import { describeStatus, requestView, responseView, type RequestView, type ResponseView } from "./test-views";
import type { OutgoingRequest, ResolvableCredential } from "./types";

export type TokenView = {
  ok: boolean;
  cached: boolean;
  status: number | null;
  tokenType: string | null;
  expiresIn: number | null;
  scope: string | null;
  /** Decoded claims when the access token is a JWT; the token itself is never returned. */
  claims: Record<string, unknown> | null;
  request: RequestView | null;
  response: ResponseView | null;
  error: string | null;
};

export type CredentialTestResult = {
  ok: boolean;
  summary: string;
  warnings: string[];
  token?: TokenView;
  signing?: {
    canonicalRequest: string;
    stringToSign: string;
    credentialScope: string;
    signedHeaders: string[];
  };
  jwt?: {
    header: Record<string, unknown>;
    claims: Record<string, unknown>;
    expiresAt: string;
    cached: boolean;
  };
  request?: RequestView;
  response?: ResponseView;
  error?: { kind: string; message: string };
};

export type TestRequestInput = { url?: string; method?: string; body?: string; contentType?: string };

function secretValuesOf(credential: ResolvableCredential): string[] {
  return Object.values(credential.secrets).filter((v): v is string => typeof v === "string");
}

function outgoingRequest(input: TestRequestInput, url: string): OutgoingRequest {
  const method = (input.method ?? (input.body ? "POST" : "GET")).toUpperCase();
  const headers: Record<string, string> = { Accept: "*/*", "User-Agent": "Workbench-Credential-Test/1.0" };
  const hasBody = input.body !== undefined && input.body !== "" && method !== "GET" && method !== "HEAD";
  if (hasBody) headers["Content-Type"] = input.contentType || "application/json";
  return { method, url, headers, ...(hasBody ? { body: input.body } : {}) };
}

async function sendTestRequest(
  credential: ResolvableCredential,
  input: TestRequestInput,
  url: string,
  deps: ResolveDeps,
  base: Partial<CredentialTestResult>,
): Promise<CredentialTestResult> {
  const applied = await applyCredential(credential, outgoingRequest(input, url), deps);
  if (!applied.ok) {
    // A provider's error may echo what it was sent.
    const message = createRedactor(secretValuesOf(credential)).text(applied.message);
    return {
      ...base,
      ok: false,
      summary: message,
      warnings: base.warnings ?? [],
      error: { kind: "credential", message },
    };
  }
  const kind = SERVER_KINDS[credential.type];
  const scrub = createRedactor([...secretValuesOf(credential), ...applied.derivedSecrets]);
  const result: CredentialTestResult = {
    ...base,
    ...kind.testDetails?.(applied, scrub),
    ok: false,
    summary: "",
    warnings: [...(base.warnings ?? []), ...applied.warnings],
    // `never`: TypeScript cannot pair the settings of a union credential with its own kind's entry.
    request: requestView(applied.request, scrub, kind.secretHeaderNames?.(credential.config as never)),
  };
  const sent = await deps.send(applied.request);
  if (!sent.ok)
    return {
      ...result,
      summary: sent.error.message,
      error: { kind: sent.error.kind, message: sent.error.message },
    };
  const response = responseView(sent.response, scrub);
  const where = `${applied.request.method} ${scrub.url(sent.response.url)}`;
  const summary = `${where} answered ${response.status} ${response.statusText} in ${Math.round(response.timing.totalMs)} ms.${describeStatus(response.status)}`;
  return { ...result, ok: response.status < 400, summary, response };
}

/**
 * The live test behind every credential's Test action: resolves the credential, sends a real
 * request through the outbound guard, and returns panel data with every secret redacted.
 */
export async function testCredential(
  credential: ResolvableCredential,
  input: TestRequestInput = {},
  partialDeps: Partial<ResolveDeps> = {},
): Promise<CredentialTestResult> {
  const deps = resolveDeps({ forceRefresh: true, ...partialDeps });
  // `never`: TypeScript cannot pair a credential of the union with its own kind's entry.
  const kind = SERVER_KINDS[credential.type];
  const url = input.url?.trim() || kind.defaultTestUrl?.(credential.config as never) || "";
  // Outside the allowed destinations: refused before any connection (no token request either).
  const verdict = url && deps.admit ? deps.admit(url) : null;
  if (verdict && !verdict.allowed)
    return {
      ok: false,
      summary: verdict.message,
      warnings: [],
      error: { kind: "destination", message: verdict.message },
    };
  if (kind.beforeTest) {
    const start = await kind.beforeTest(credential as never, url, deps);
    if ("done" in start) return start.done;
    return sendTestRequest(credential, input, url, start.deps, start.base);
  }
  if (!url) {
    return {
      ok: false,
      summary: "Enter a test URL: the request is sent there with this credential applied.",
      warnings: [],
    };
  }
  return sendTestRequest(credential, input, url, deps, {});
}
