import "server-only";
import { createRedactor } from "../credentials/redact";
import type { ResolveDeps } from "../credentials/resolve-deps";
import { describeStatus, requestView, responseView } from "../credentials/test-views";
import { sendOutbound, type OutboundRequest } from "../outbound";
import { marketoTokenUrl, salesforceTokenUrl } from "./endpoints";
import type { MarketoConfig, SalesforceConfig } from "./storage";
import type { IntegrationTestResult, TokenDetails } from "./test-result";

export type TokenTestDeps = { send: ResolveDeps["send"]; now: () => number };

const defaultDeps: TokenTestDeps = {
  // Never follow a redirect: Marketo's secret is in the query and would travel with it.
  send: (request) => sendOutbound(request, { followRedirects: false }),
  now: () => Date.now(),
};

const USER_AGENT = "Workbench-Integration-Test/1.0";

function jsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const str = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);
const num = (value: unknown): number | null =>
  typeof value === "number" && Number.isFinite(value)
    ? value
    : typeof value === "string" && /^\d+$/.test(value)
      ? Number(value)
      : null;

function vendorError(body: Record<string, unknown> | null): string | null {
  if (!body) return null;
  const code = str(body.error) ?? str(body.errorcode);
  const description = str(body.error_description) ?? str(body.message);
  if (code && description) return `${code}: ${description}`;
  return code ?? description;
}

async function tokenTest(
  vendor: string,
  request: OutboundRequest,
  secrets: string[],
  deps: TokenTestDeps,
): Promise<IntegrationTestResult> {
  const scrub = createRedactor(secrets);
  const sent = await deps.send(request);
  const requestShown = requestView(request, scrub);
  if (!sent.ok)
    return {
      ok: false,
      summary: sent.error.message,
      request: requestShown,
      error: { kind: sent.error.kind, message: sent.error.message },
    };
  const text = sent.response.body.toString("utf8");
  const body = jsonObject(text);
  const accessToken = str(body?.access_token);
  // The token is redacted from what is shown, like every secret.
  const shownScrub = createRedactor([...secrets, ...(accessToken ? [accessToken] : [])]);
  const response = responseView(sent.response, shownScrub);
  const status = sent.response.status;
  if (status >= 300 || !accessToken || !body) {
    const why =
      vendorError(body) ??
      (status < 300 ? "the answer has no access_token" : `${status} ${sent.response.statusText}`.trim());
    const summary = `${vendor} refused the token request (${status}): ${why}.${status >= 300 ? describeStatus(status) : ""}`;
    return {
      ok: false,
      summary,
      request: requestShown,
      response,
      error: { kind: "token", message: summary },
    };
  }
  const expiresIn = num(body.expires_in);
  const token: TokenDetails = {
    status,
    tokenType: str(body.token_type),
    expiresIn,
    expiresAt: expiresIn !== null ? new Date(deps.now() + expiresIn * 1000).toISOString() : null,
    scope: str(body.scope),
    restInstanceUrl: str(body.rest_instance_url),
    soapInstanceUrl: str(body.soap_instance_url),
  };
  const expiry = expiresIn !== null ? `, expires in ${expiresIn} s` : "";
  return {
    ok: true,
    summary: `${vendor} issued a ${token.tokenType ?? "token"}${expiry}${token.scope ? `, scope "${token.scope.slice(0, 200)}"` : ""}.`,
    token,
    request: requestShown,
    response,
  };
}

/** Salesforce Marketing Cloud: `POST {auth base}/v2/token` with a JSON client-credentials body. */
export function testSalesforceToken(
  config: SalesforceConfig,
  clientSecret: string,
  deps: TokenTestDeps = defaultDeps,
): Promise<IntegrationTestResult> {
  const payload: Record<string, string> = {
    grant_type: "client_credentials",
    client_id: config.clientId,
    client_secret: clientSecret,
  };
  if (config.accountId) payload.account_id = config.accountId;
  const request: OutboundRequest = {
    method: "POST",
    url: salesforceTokenUrl(config),
    headers: { "Content-Type": "application/json", Accept: "application/json", "User-Agent": USER_AGENT },
    body: JSON.stringify(payload),
  };
  return tokenTest("Salesforce Marketing Cloud", request, [clientSecret], deps);
}

/** Marketo: `GET {base}/identity/oauth/token?grant_type=client_credentials&client_id&client_secret`. */
export function testMarketoToken(
  config: MarketoConfig,
  clientSecret: string,
  deps: TokenTestDeps = defaultDeps,
): Promise<IntegrationTestResult> {
  const request: OutboundRequest = {
    method: "GET",
    url: marketoTokenUrl(config, config.clientId, clientSecret),
    headers: { Accept: "application/json", "User-Agent": USER_AGENT },
  };
  return tokenTest("Marketo", request, [clientSecret], deps);
}
