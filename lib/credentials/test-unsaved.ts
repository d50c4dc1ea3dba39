import "server-only";
import { randomBytes } from "node:crypto";
import { recordAudit } from "../audit";
import type { Actor } from "../auth/actor";
import { assertEnvironment } from "../organisations/access";
import { parseInput } from "../result";
import { assertCredentialAccess } from "./access";
import { dropCredentialCaches } from "./cache";
import { admitFor, normaliseDestinations } from "./destinations";
import { SERVER_KINDS } from "./kinds/server";
import { guardedDeps, type ResolveDeps } from "./resolve-deps";
import { testUnsavedCredentialInput, type TestUnsavedCredentialInput } from "./schemas";
import { planStorage } from "./storage-mapping";
import { testCredential, type CredentialTestResult } from "./test-live";
import type { ResolvableCredential } from "./types";
import { destinationOf } from "./use";

/**
 * "Test before saving" on the new-credential form: the values in the form, checked and planned
 * exactly as a save would, applied to one live request within their allowed destinations. Nothing
 * is stored (the test is audited, without secrets); the token or JWT minted is dropped after.
 */
export async function testUnsavedCredential(
  actor: Actor,
  input: TestUnsavedCredentialInput,
  deps: Partial<ResolveDeps> = {},
): Promise<CredentialTestResult> {
  const { environmentId, credential: values, test } = parseInput(testUnsavedCredentialInput, input);
  assertCredentialAccess(actor, "edit");
  await assertEnvironment(actor, environmentId);
  const plan = await planStorage(values);
  const id = `unsaved_${randomBytes(12).toString("base64url")}`;
  const credential = {
    id,
    version: 0,
    name: values.name,
    type: plan.type,
    config: plan.config,
    secrets: plan.newSecrets,
  } as ResolvableCredential;
  const guard = {
    admit: admitFor(values.name, normaliseDestinations(values.allowedDestinations)),
    // `never`: TypeScript cannot pair the settings of a union credential with its own kind's entry.
    sensitiveHeaders: SERVER_KINDS[credential.type].secretHeaderNames?.(credential.config as never) ?? [],
  };
  try {
    const result = await testCredential(credential, test, guardedDeps(deps, guard));
    await recordAudit(actor, {
      action: "credential.test",
      environmentId,
      target: { type: "credential", id: "(not saved)", label: `${values.name} (not saved)` },
      details: {
        unsaved: true,
        ok: result.ok,
        status: result.response?.status ?? result.token?.status ?? null,
        url: destinationOf(result.request?.url ?? result.token?.request?.url),
      },
    });
    return result;
  } finally {
    dropCredentialCaches(id);
  }
}
