import "server-only";
import { recordAudit } from "../audit";
import type { Actor } from "../auth/actor";
import { SecretDecryptionError } from "../crypto";
import { db } from "../db";
import type { OutboundErrorKind, OutboundResponse } from "../outbound";
import { DomainError, parseInput } from "../result";
import { emitEvent } from "../webhooks/emit";
import { assertCredentialAccess, NOT_FOUND, ownedBy } from "./access";
import { applyCredential } from "./apply";
import { admitFor, storedDestinations } from "./destinations";
import { SERVER_KINDS } from "./kinds/server";
import { materialFromRow, SECRET_ROW, type SecretRow } from "./record";
import { createRedactor, type Redactor } from "./redact";
import { guardedDeps, type ResolveDeps } from "./resolve-deps";
import { testCredentialInput, type TestCredentialInput } from "./schemas";
import { testCredential, type CredentialTestResult } from "./test-live";
import type { OutgoingRequest, ResolvableCredential } from "./types";

// Every use of a saved credential goes through here: the destination is checked before any
// connection (the OAuth token request included), the request is sent with the check applied to
// each redirect and the credential's headers and body dropped on a cross-origin one, and the use
// is recorded on the credential ("Last used": when, by what, where, how it went).

type UsableRow = SecretRow & { environmentId: number; allowedDestinations: string | null };

async function loadSecretRow(actor: Actor, id: string, environmentId?: number): Promise<UsableRow> {
  const where = { ...ownedBy(actor, id), ...(environmentId === undefined ? {} : { environmentId }) };
  const row = await db().credential.findFirst({ where, select: SECRET_ROW });
  if (!row) throw new DomainError(NOT_FOUND, "not_found");
  return row;
}

/** Decrypts, turning a wrong master key or tampering into a plain-words failure. */
function decrypt(
  row: SecretRow,
): { ok: true; credential: ResolvableCredential } | { ok: false; message: string } {
  try {
    return { ok: true, credential: materialFromRow(row) };
  } catch (error) {
    if (error instanceof SecretDecryptionError) return { ok: false, message: error.message };
    // Our own messages about damaged rows; never secret material.
    return { ok: false, message: (error as Error).message };
  }
}

/** The guard of one credential: where it may go, and which headers carry it. */
function guardOf(row: UsableRow, credential: ResolvableCredential | null) {
  const admit = admitFor(row.name, storedDestinations(row));
  const sensitiveHeaders = credential
    ? // `never`: TypeScript cannot pair the settings of a union credential with its own kind's entry.
      (SERVER_KINDS[credential.type].secretHeaderNames?.(credential.config as never) ?? [])
    : [];
  return { admit, sensitiveHeaders };
}

/** Where a request went, without query (it may hold a presigned signature) or user info. */
export function destinationOf(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return null;
  }
}

/** What used a credential, as "Last used" shows it. */
export type UseBy = { type: "console" | "api_key" | "integration"; label: string };

export function usedByActor(actor: Actor): UseBy {
  return { type: actor.type === "api_key" ? "api_key" : "console", label: actor.label };
}

export type CredentialUse = { by: UseBy; destination: string | null; ok: boolean; summary: string };

/** Records the last use of a credential (shown as "Last used" on its list and page). */
export async function recordCredentialUse(
  id: string,
  use: CredentialUse,
  at: Date = new Date(),
): Promise<void> {
  await db().credential.updateMany({
    where: { id },
    data: {
      lastUsedAt: at,
      lastUseByType: use.by.type,
      lastUseByLabel: use.by.label.slice(0, 200),
      lastUseDestination: use.destination?.slice(0, 500) ?? null,
      lastUseOk: use.ok,
      lastUseSummary: use.summary.slice(0, 500),
    },
  });
}

/** The Test action: runs the live test, stores its outcome on the credential and audits it. */
export async function runCredentialTest(
  actor: Actor,
  input: TestCredentialInput,
  deps: Partial<ResolveDeps> = {},
): Promise<CredentialTestResult> {
  const { id, ...request } = parseInput(testCredentialInput, input);
  assertCredentialAccess(actor, "edit");
  const row = await loadSecretRow(actor, id);
  const decrypted = decrypt(row);
  const result: CredentialTestResult = decrypted.ok
    ? await testCredential(
        decrypted.credential,
        request,
        guardedDeps(deps, guardOf(row, decrypted.credential)),
      )
    : {
        ok: false,
        summary: decrypted.message,
        warnings: [],
        error: { kind: "decryption", message: decrypted.message },
      };
  const summary = result.summary.slice(0, 500);
  const target = destinationOf(result.request?.url ?? result.token?.request?.url);
  const testedAt = new Date();
  // A failed test is announced (credential.test_failed) in the transaction that stores it.
  await db().$transaction(async (tx) => {
    await tx.credential.updateMany({
      where: { id },
      data: { lastTestedAt: testedAt, lastTestOk: result.ok, lastTestSummary: summary },
    });
    if (!result.ok)
      await emitEvent(tx, {
        environmentId: row.environmentId,
        type: "credential.test_failed",
        data: { id, name: row.name, type: row.type, summary, testedAt: testedAt.toISOString() },
        at: testedAt,
      });
  });
  const refused = result.error?.kind === "destination";
  if (decrypted.ok && !refused)
    await recordCredentialUse(id, { by: usedByActor(actor), destination: target, ok: result.ok, summary });
  await recordAudit(actor, {
    action: "credential.test",
    environmentId: row.environmentId,
    target: { type: "credential", id, label: row.name },
    details: {
      ok: result.ok,
      status: result.response?.status ?? result.token?.status ?? null,
      url: target,
      // Where a failed test stopped: the token request, or the kind of network/credential error.
      ...(result.ok
        ? {}
        : {
            errorKind:
              result.error?.kind ??
              (result.token && !result.token.ok ? "token_request" : result.response ? "response" : "setup"),
          }),
    },
  });
  return result;
}

/** The request as it went out with the credential applied, its secrets redacted. */
export type SentRequestView = { method: string; url: string; headers: Record<string, string> };

export type CredentialSend =
  | { ok: true; response: OutboundResponse; scrub: Redactor; warnings: string[]; sent?: SentRequestView }
  | {
      ok: false;
      kind: OutboundErrorKind | "credential" | "decryption";
      message: string;
      sent?: SentRequestView;
    };

export type UsedCredential = { id: string; name: string; environmentId: number };

/**
 * Sends one request with a stored credential applied (Send Request, and later webhook
 * deliveries): refused before any connection when the URL is outside the credential's allowed
 * destinations (`kind: "destination"`); the caches (OAuth token, key-pair JWT) are used.
 */
export async function sendWithStoredCredential(
  actor: Actor,
  id: string,
  request: OutgoingRequest,
  options: { environmentId?: number; by?: UseBy; timeoutMs?: number; deps?: Partial<ResolveDeps> } = {},
): Promise<{ credential: UsedCredential; result: CredentialSend }> {
  assertCredentialAccess(actor, "edit");
  const row = await loadSecretRow(actor, id, options.environmentId);
  const credentialRef = { id: row.id, name: row.name, environmentId: row.environmentId };
  const refusal = admitFor(row.name, storedDestinations(row))(request.url);
  if (!refusal.allowed)
    return {
      credential: credentialRef,
      result: { ok: false, kind: "destination", message: refusal.message },
    };
  const decrypted = decrypt(row);
  if (!decrypted.ok)
    return {
      credential: credentialRef,
      result: { ok: false, kind: "decryption", message: decrypted.message },
    };
  const { credential } = decrypted;
  const guard = guardOf(row, credential);
  const deps = guardedDeps({ forceRefresh: false, ...options.deps }, guard);
  const secretValues = Object.values(credential.secrets).filter((v): v is string => typeof v === "string");
  const by = options.by ?? usedByActor(actor);
  const destination = destinationOf(request.url);
  const applied = await applyCredential(credential, request, deps);
  if (!applied.ok) {
    const message = createRedactor(secretValues).text(applied.message);
    await recordCredentialUse(id, { by, destination, ok: false, summary: message });
    return { credential: credentialRef, result: { ok: false, kind: "credential", message } };
  }
  const scrub = createRedactor([...secretValues, ...applied.derivedSecrets]);
  const view: SentRequestView = {
    method: applied.request.method,
    url: scrub.url(applied.request.url),
    headers: scrub.headers(applied.request.headers, guard.sensitiveHeaders),
  };
  const sent = await deps.send(
    applied.request,
    options.timeoutMs ? { totalTimeoutMs: options.timeoutMs } : {},
  );
  if (!sent.ok) {
    const message = scrub.text(sent.error.message);
    if (sent.error.kind !== "destination" || sent.error.redirects.length)
      await recordCredentialUse(id, { by, destination, ok: false, summary: message });
    return { credential: credentialRef, result: { ok: false, kind: sent.error.kind, message, sent: view } };
  }
  const { status, statusText } = sent.response;
  await recordCredentialUse(id, {
    by,
    destination,
    ok: status < 400,
    summary: `${applied.request.method} answered ${status} ${statusText}`.trim(),
  });
  return {
    credential: credentialRef,
    result: { ok: true, response: sent.response, scrub, warnings: applied.warnings, sent: view },
  };
}
