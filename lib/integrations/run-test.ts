import "server-only";
import { recordAudit } from "../audit";
import type { Actor } from "../auth/actor";
import { ownedBy } from "../credentials/access";
import { destinationOf, recordCredentialUse } from "../credentials/use";
import { decryptSecretMap, parseSecretColumn, SecretDecryptionError } from "../crypto";
import { db } from "../db";
import { DomainError, parseInput } from "../result";
import { assertFeatureEnabled, assertIntegrationAccess, NOT_FOUND, ownedIntegration } from "./access";
import { isIntegrationKind, KIND_LABELS } from "./kinds";
import { S3SetupError, s3KeysFor } from "./s3-keys";
import { runS3Probe, s3EndpointOf, type S3ProbeOptions } from "./s3-probe";
import { testIntegrationInput } from "./schemas";
import { parseStoredIntegration } from "./storage";
import type { IntegrationTestResult } from "./test-result";
import { testMarketoToken, testSalesforceToken, type TokenTestDeps } from "./token-tests";
import { integrationRef } from "./views";

export type IntegrationTestDeps = { s3?: S3ProbeOptions; token?: TokenTestDeps };

class TestSetupError extends Error {}

function setupFailure(error: unknown): IntegrationTestResult {
  if (
    error instanceof SecretDecryptionError ||
    error instanceof TestSetupError ||
    error instanceof S3SetupError
  )
    return { ok: false, summary: error.message, error: { kind: "setup", message: error.message } };
  // Our own messages about damaged rows; never secret material.
  if (error instanceof Error && /damaged|unknown kind|no stored/i.test(error.message))
    return { ok: false, summary: error.message, error: { kind: "setup", message: error.message } };
  throw error;
}

/** The Test action: runs the live test, stores its outcome on the integration and audits it. */
export async function runIntegrationTest(
  actor: Actor,
  input: { id: string },
  deps: IntegrationTestDeps = {},
): Promise<IntegrationTestResult> {
  const { id } = parseInput(testIntegrationInput, input);
  assertIntegrationAccess(actor, "edit");
  const row = await db().integration.findFirst({
    where: ownedIntegration(actor, id),
    select: { id: true, name: true, kind: true, config: true, secrets: true, environmentId: true },
  });
  if (!row || !isIntegrationKind(row.kind)) throw new DomainError(NOT_FOUND, "not_found");
  await assertFeatureEnabled(actor.organisationId, row.kind);

  let result: IntegrationTestResult;
  try {
    const stored = parseStoredIntegration(row.kind, row.config, row.name);
    const secrets = decryptSecretMap(
      parseSecretColumn(row.secrets, integrationRef(row)),
      integrationRef(row),
    );
    if (stored.kind === "salesforce" || stored.kind === "marketo") {
      if (!secrets.clientSecret)
        throw new TestSetupError("No client secret is stored; edit the integration and enter it again.");
      result =
        stored.kind === "salesforce"
          ? await testSalesforceToken(stored.config, secrets.clientSecret, deps.token)
          : await testMarketoToken(stored.config, secrets.clientSecret, deps.token);
    } else {
      const keys = await s3KeysFor(stored.config, secrets, (id) => ({
        ...ownedBy(actor, id),
        environmentId: row.environmentId,
      }));
      result = await runS3Probe(stored.config, keys, deps.s3);
      if (keys.credentialId)
        await recordCredentialUse(keys.credentialId, {
          by: { type: "integration", label: `${KIND_LABELS[stored.kind].singular} "${row.name}"` },
          destination: destinationOf(s3EndpointOf(stored.config)),
          ok: result.ok,
          summary: result.summary,
        });
    }
  } catch (error) {
    result = setupFailure(error);
  }

  await db().integration.updateMany({
    where: { id },
    data: { lastTestedAt: new Date(), lastTestOk: result.ok, lastTestSummary: result.summary.slice(0, 500) },
  });
  const steps = result.steps?.map((s) => `${s.step}:${s.outcome}${s.status ? `:${s.status}` : ""}`) ?? null;
  await recordAudit(actor, {
    action: "integration.test",
    environmentId: row.environmentId,
    target: { type: "integration", id, label: row.name },
    details: {
      kind: row.kind,
      ok: result.ok,
      status: result.token?.status ?? result.response?.status ?? null,
      steps,
      ...(result.ok ? {} : { errorKind: result.error?.kind ?? "response" }),
    },
  });
  return result;
}
