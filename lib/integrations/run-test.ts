import "server-only";
import { recordAudit } from "../audit";
import type { Actor } from "../auth/actor";
import { ownedBy } from "../credentials/access";
import { admitFor, storedDestinations } from "../credentials/destinations";
import { materialFromRow } from "../credentials/record";
import { destinationOf, recordCredentialUse } from "../credentials/use";
import { decryptSecretMap, parseSecretColumn, SecretDecryptionError } from "../crypto";
import { db } from "../db";
import { DomainError, parseInput } from "../result";
import { assertFeatureEnabled, assertIntegrationAccess, NOT_FOUND, ownedIntegration } from "./access";
import { isIntegrationKind, KIND_LABELS } from "./kinds";
import { runS3Probe, s3EndpointOf, type S3Keys, type S3ProbeOptions } from "./s3-probe";
import { testIntegrationInput } from "./schemas";
import { parseStoredIntegration, type S3Config } from "./storage";
import type { IntegrationTestResult } from "./test-result";
import { testMarketoToken, testSalesforceToken, type TokenTestDeps } from "./token-tests";
import { integrationRef } from "./views";

export type IntegrationTestDeps = { s3?: S3ProbeOptions; token?: TokenTestDeps };

class TestSetupError extends Error {}

/**
 * The keys an S3 bucket uses: its own, or those of a saved AWS Signed Request credential
 * (resolved here, server-side, and only when the bucket's endpoint is among the credential's
 * allowed destinations). `credentialId` names the saved credential used, to record the use.
 */
async function s3Keys(
  actor: Actor,
  config: S3Config,
  environmentId: number,
  secrets: Record<string, string>,
): Promise<S3Keys & { credentialId?: string }> {
  if (config.credentialMode === "keys") {
    if (!secrets.secretAccessKey)
      throw new TestSetupError("No secret access key is stored; edit the bucket and enter it again.");
    return {
      accessKeyId: config.accessKeyId,
      secretAccessKey: secrets.secretAccessKey,
      ...(secrets.sessionToken ? { sessionToken: secrets.sessionToken } : {}),
      source: `own keys (${config.accessKeyId})`,
    };
  }
  const row = await db().credential.findFirst({
    where: { ...ownedBy(actor, config.credentialId), environmentId },
    select: {
      id: true,
      name: true,
      type: true,
      version: true,
      config: true,
      secrets: true,
      allowedDestinations: true,
    },
  });
  if (!row)
    throw new TestSetupError(
      "The AWS credential this bucket uses no longer exists; edit the bucket and choose another.",
    );
  // Before anything is decrypted or sent: the bucket's endpoint must be an allowed destination.
  const verdict = admitFor(row.name, storedDestinations(row))(s3EndpointOf(config));
  if (!verdict.allowed) throw new TestSetupError(verdict.message);
  const material = materialFromRow(row);
  if (material.type !== "aws_signed_request")
    throw new TestSetupError(`Credential ${row.name} is not an AWS Signed Request credential.`);
  return {
    accessKeyId: material.config.accessKeyId,
    secretAccessKey: material.secrets.secretAccessKey,
    ...(material.secrets.sessionToken ? { sessionToken: material.secrets.sessionToken } : {}),
    source: `credential "${row.name}" (${material.config.accessKeyId})`,
    credentialId: row.id,
  };
}

function setupFailure(error: unknown): IntegrationTestResult {
  if (error instanceof SecretDecryptionError || error instanceof TestSetupError)
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
      const keys = await s3Keys(actor, stored.config, row.environmentId, secrets);
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
