import "server-only";
import { recordAudit } from "../audit";
import type { Actor } from "../auth/actor";
import { SecretDecryptionError } from "../crypto";
import { db } from "../db";
import { DomainError, parseInput } from "../result";
import { assertCredentialAccess, NOT_FOUND, ownedBy } from "./access";
import { applyCredential, type AppliedCredential } from "./apply";
import { materialFromRow, type SecretRow } from "./record";
import type { ResolveDeps } from "./resolve-deps";
import { testCredentialInput, type TestCredentialInput } from "./schemas";
import { testCredential, type CredentialTestResult } from "./test-live";
import type { OutgoingRequest, ResolvableCredential } from "./types";

const SECRET_ROW = {
  id: true,
  name: true,
  type: true,
  version: true,
  config: true,
  secrets: true,
  environmentId: true,
} as const;

async function loadSecretRow(actor: Actor, id: string): Promise<SecretRow & { environmentId: number }> {
  const row = await db().credential.findFirst({ where: ownedBy(actor, id), select: SECRET_ROW });
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

/** Where the test went, without query (it may hold a presigned signature) or user info. */
function testTarget(result: CredentialTestResult): string | null {
  const url = result.request?.url ?? result.token?.request?.url;
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return null;
  }
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
    ? await testCredential(decrypted.credential, request, deps)
    : {
        ok: false,
        summary: decrypted.message,
        warnings: [],
        error: { kind: "decryption", message: decrypted.message },
      };
  const summary = result.summary.slice(0, 500);
  await db().credential.updateMany({
    where: { id },
    data: { lastTestedAt: new Date(), lastTestOk: result.ok, lastTestSummary: summary },
  });
  await recordAudit(actor, {
    action: "credential.test",
    environmentId: row.environmentId,
    target: { type: "credential", id, label: row.name },
    details: {
      ok: result.ok,
      status: result.response?.status ?? result.token?.status ?? null,
      url: testTarget(result),
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

/** Marks a credential as used now (shown as "last used" in the list). */
export async function recordCredentialUse(id: string, at: Date = new Date()): Promise<void> {
  await db().credential.updateMany({ where: { id }, data: { lastUsedAt: at } });
}

/**
 * Applies a stored credential to a request the platform is about to send (webhooks, Send
 * Request steps). The caller sends the result through lib/outbound.
 */
export async function applyStoredCredential(
  actor: Actor,
  id: string,
  request: OutgoingRequest,
  deps: Partial<ResolveDeps> = {},
): Promise<AppliedCredential> {
  assertCredentialAccess(actor, "view");
  const decrypted = decrypt(await loadSecretRow(actor, id));
  if (!decrypted.ok) return { ok: false, message: decrypted.message };
  const applied = await applyCredential(decrypted.credential, request, deps);
  if (applied.ok) await recordCredentialUse(id);
  return applied;
}
