import "server-only";
import { recordAudit } from "../audit";
import type { Actor } from "../auth/actor";
import { destinationOf, sendWithStoredCredential, type CredentialSend } from "../credentials";
import { assertCredentialAccess } from "../credentials/access";
import { createRedactor } from "../credentials/redact";
import type { ResolveDeps } from "../credentials/resolve-deps";
import { sendOutbound } from "../outbound";
import { assertEnvironment } from "../organisations/access";
import { DomainError, parseInput } from "../result";
import { SEND_TIMEOUT, sendRequestBody, type SendRequestBody } from "./schemas";
import { sentResponse, type SentResponse } from "./view";

// The Send Request step: one request to another system through the SSRF-safe client, with a
// saved credential applied within its allowed destinations. The console's credential page and
// `POST /v1/{environmentId}/requests` both come here. Audited without bodies.

const USER_AGENT = "Workbench-Send-Request/1.0";

function headersOf(input: SendRequestBody): Record<string, string> {
  const headers: Record<string, string> = { Accept: "*/*", "User-Agent": USER_AGENT };
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
    headers[name] = value;
  }
  if (input.body !== undefined && !Object.keys(headers).some((n) => n.toLowerCase() === "content-type"))
    headers["Content-Type"] = "application/json";
  return headers;
}

async function sendWithout(input: SendRequestBody, timeoutMs: number): Promise<CredentialSend> {
  const sent = await sendOutbound(
    { method: input.method, url: input.url, headers: headersOf(input), body: input.body },
    { totalTimeoutMs: timeoutMs },
  );
  if (!sent.ok) return { ok: false, kind: sent.error.kind, message: sent.error.message };
  return { ok: true, response: sent.response, scrub: createRedactor([]), warnings: [] };
}

/**
 * Sends the request and answers the destination's response whatever its status. Refusals are
 * errors: outside the credential's allowed destinations (forbidden, nothing sent), or no answer
 * from the destination (upstream).
 */
export async function sendRequest(
  actor: Actor,
  environmentId: number,
  input: SendRequestBody,
  deps: Partial<ResolveDeps> = {},
): Promise<SentResponse> {
  const body = parseInput(sendRequestBody, input);
  assertCredentialAccess(actor, "edit");
  await assertEnvironment(actor, environmentId);
  const timeoutMs = body.timeoutMs ?? SEND_TIMEOUT.default;
  let credential: { id: string; name: string } | null = null;
  let result: CredentialSend;
  if (body.credentialId) {
    const used = await sendWithStoredCredential(
      actor,
      body.credentialId,
      { method: body.method, url: body.url, headers: headersOf(body), body: body.body },
      { environmentId, timeoutMs, deps },
    );
    credential = used.credential;
    result = used.result;
  } else result = await sendWithout(body, timeoutMs);

  await recordAudit(actor, {
    action: "request.send",
    environmentId,
    ...(credential ? { target: { type: "credential", id: credential.id, label: credential.name } } : {}),
    details: {
      method: body.method,
      url: destinationOf(body.url),
      credentialId: credential?.id ?? null,
      ok: result.ok && result.response.status < 400,
      status: result.ok ? result.response.status : null,
      ...(result.ok ? {} : { errorKind: result.kind }),
    },
  });
  if (!result.ok) {
    if (result.kind === "destination") throw new DomainError(result.message, "forbidden");
    if (
      result.kind === "credential" ||
      result.kind === "decryption" ||
      result.kind === "invalid_url" ||
      result.kind === "invalid_request"
    )
      throw new DomainError(result.message, "invalid");
    if (result.kind === "blocked") throw new DomainError(result.message, "forbidden");
    throw new DomainError(result.message, "upstream");
  }
  return sentResponse(result.response, result.scrub);
}
