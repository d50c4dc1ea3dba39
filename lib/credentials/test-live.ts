import "server-only";
import { applyCredential, type AppliedCredential } from "./apply";
import { obtainToken, type TokenOutcome } from "./oauth";
import { createRedactor, type Redactor } from "./redact";
import { resolveDeps, type ResolveDeps } from "./resolve-deps";
import {
  describeStatus,
  jwtClaimsOf,
  requestView,
  responseView,
  type RequestView,
  type ResponseView,
} from "./test-views";
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

export function stsDefaultUrl(region: string): string {
  return `https://sts.${region}.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15`;
}

function secretValuesOf(credential: ResolvableCredential): string[] {
  return Object.values(credential.secrets).filter((v): v is string => typeof v === "string");
}

function secretHeaderNames(credential: ResolvableCredential): string[] {
  return credential.type === "custom_headers"
    ? credential.config.headers.filter((h) => h.secret).map((h) => h.name)
    : [];
}

function tokenView(outcome: TokenOutcome, redactor: Redactor): TokenView {
  const exchange = outcome.exchange;
  const response = exchange?.result.ok ? responseView(exchange.result.response, redactor) : null;
  const base = {
    cached: outcome.ok && outcome.cached,
    status: response?.status ?? null,
    request: exchange ? requestView(exchange.request, redactor) : null,
    response,
  };
  if (!outcome.ok)
    return {
      ...base,
      ok: false,
      tokenType: null,
      expiresIn: null,
      scope: null,
      claims: null,
      error: outcome.message,
    };
  const { token } = outcome;
  return {
    ...base,
    ok: true,
    tokenType: token.tokenType,
    expiresIn: token.expiresIn,
    scope: token.scope,
    claims: jwtClaimsOf(token.accessToken),
    error: null,
  };
}

function tokenSummary(view: TokenView): string {
  if (!view.ok) return view.error ?? "The token request failed.";
  const scope = view.scope ? `, scope "${view.scope}"` : "";
  return `Token issued${view.cached ? " (from cache)" : ""}: ${view.tokenType}, expires in ${view.expiresIn ?? "an unstated number of"} s${scope}.`;
}

function outgoingRequest(input: TestRequestInput, url: string): OutgoingRequest {
  const method = (input.method ?? (input.body ? "POST" : "GET")).toUpperCase();
  const headers: Record<string, string> = { Accept: "*/*", "User-Agent": "Workbench-Credential-Test/1.0" };
  const hasBody = input.body !== undefined && input.body !== "" && method !== "GET" && method !== "HEAD";
  if (hasBody) headers["Content-Type"] = input.contentType || "application/json";
  return { method, url, headers, ...(hasBody ? { body: input.body } : {}) };
}

function appliedExtras(
  applied: Extract<AppliedCredential, { ok: true }>,
  redactor: Redactor,
): Pick<CredentialTestResult, "signing" | "jwt"> {
  const extras: Pick<CredentialTestResult, "signing" | "jwt"> = {};
  if (applied.aws) {
    const { canonicalRequest, stringToSign, credentialScope, signedHeaders } = applied.aws;
    // A signed session token appears in the canonical request, so it is scrubbed too.
    extras.signing = {
      canonicalRequest: redactor.text(canonicalRequest),
      stringToSign,
      credentialScope,
      signedHeaders,
    };
  }
  if (applied.jwt) {
    const { header, claims, expiresAt } = applied.jwt.minted;
    extras.jwt = { header, claims, expiresAt: new Date(expiresAt).toISOString(), cached: applied.jwt.cached };
  }
  return extras;
}

async function sendTestRequest(
  credential: ResolvableCredential,
  input: TestRequestInput,
  url: string,
  deps: ResolveDeps,
  base: Partial<CredentialTestResult>,
): Promise<CredentialTestResult> {
  const applied = await applyCredential(credential, outgoingRequest(input, url), deps);
  if (!applied.ok)
    return {
      ...base,
      ok: false,
      summary: applied.message,
      warnings: base.warnings ?? [],
      error: { kind: "credential", message: applied.message },
    };
  const scrub = createRedactor([...secretValuesOf(credential), ...applied.derivedSecrets]);
  const result: CredentialTestResult = {
    ...base,
    ...appliedExtras(applied, scrub),
    ok: false,
    summary: "",
    warnings: [...(base.warnings ?? []), ...applied.warnings],
    request: requestView(applied.request, scrub, secretHeaderNames(credential)),
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
  const url =
    input.url?.trim() ||
    (credential.type === "aws_signed_request" ? stsDefaultUrl(credential.config.region) : "");
  if (credential.type === "oauth_client_credentials") {
    const outcome = await obtainToken(credential, deps);
    const token = tokenView(
      outcome,
      createRedactor([...secretValuesOf(credential), ...(outcome.ok ? [outcome.token.accessToken] : [])]),
    );
    const warnings = outcome.ok ? outcome.warnings : [];
    if (!outcome.ok || !url) return { ok: outcome.ok, summary: tokenSummary(token), warnings, token };
    // The token just fetched is in the cache, so the test request reuses it.
    return sendTestRequest(credential, input, url, { ...deps, forceRefresh: false }, { token, warnings });
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
