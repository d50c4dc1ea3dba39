import "server-only";
import { randomBytes } from "node:crypto";
import { recordAudit, changedFields } from "../audit";
import type { Actor } from "../auth/actor";
import { encryptSecretMap, parseSecretColumn } from "../crypto";
import { db, onUniqueViolation } from "../db";
import { assertEnvironment } from "../organisations/access";
import { DomainError, parseInput } from "../result";
import { assertFeatureEnabled, assertIntegrationAccess, NOT_FOUND, ownedIntegration } from "./access";
import { isIntegrationKind, type IntegrationKind } from "./kinds";
import {
  createIntegrationInput,
  deleteIntegrationInput,
  listIntegrationsInput,
  updateIntegrationInput,
  type CreateIntegrationInput,
  type IntegrationValues,
  type ListIntegrationsInput,
  type UpdateIntegrationInput,
} from "./schemas";
import {
  assertSecretsRetyped,
  parseStoredIntegration,
  planIntegrationStorage,
  type StoragePlan,
} from "./storage";
import { integrationRef, ROW_SELECT, storedSecretFields, viewOf, type IntegrationView } from "./views";

function newIntegrationId(): string {
  return `intg_${randomBytes(12).toString("base64url")}`;
}

function nameTaken(): DomainError {
  return new DomainError(
    "An integration of this kind with this name already exists in this environment.",
    "conflict",
    { name: "This name is already used here." },
  );
}

/** AWS Signed Request credentials of the environment, for the S3 form's picker. */
export async function listAwsCredentialChoices(
  actor: Actor,
  environmentId: number,
): Promise<{ id: string; name: string; region: string }[]> {
  assertIntegrationAccess(actor, "view");
  await assertEnvironment(actor, environmentId);
  const rows = await db().credential.findMany({
    where: { environmentId, type: "aws_signed_request" },
    select: { id: true, name: true, config: true },
    orderBy: { name: "asc" },
  });
  return rows.map((row) => {
    let region = "";
    try {
      region = String((JSON.parse(row.config) as { region?: unknown }).region ?? "");
    } catch {
      // shown without a region
    }
    return { id: row.id, name: row.name, region };
  });
}

async function credentialNames(environmentId: number): Promise<Map<string, string>> {
  const rows = await db().credential.findMany({
    where: { environmentId, type: "aws_signed_request" },
    select: { id: true, name: true },
  });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A referenced credential must be an AWS one of the same environment (never trust an id from the client). */
async function assertCredentialReference(values: IntegrationValues, environmentId: number): Promise<void> {
  if (!("credentialMode" in values) || values.credentialMode !== "credential") return;
  const found = await db().credential.findFirst({
    where: { id: values.credentialId, environmentId, type: "aws_signed_request" },
    select: { id: true },
  });
  if (!found)
    throw new DomainError("Please correct the highlighted fields.", "invalid", {
      credentialId: "Choose an AWS Signed Request credential of this environment.",
    });
}

export async function listIntegrations(
  actor: Actor,
  input: ListIntegrationsInput,
): Promise<IntegrationView[]> {
  const { environmentId, kind } = parseInput(listIntegrationsInput, input);
  assertIntegrationAccess(actor, "view");
  await assertFeatureEnabled(actor.organisationId, kind);
  await assertEnvironment(actor, environmentId);
  const [rows, names] = await Promise.all([
    db().integration.findMany({
      where: { environmentId, kind },
      select: ROW_SELECT,
      orderBy: { name: "asc" },
    }),
    credentialNames(environmentId),
  ]);
  return rows.map((row) => viewOf(row, names));
}

function secretsJson(
  plan: StoragePlan,
  ref: { id: string; name: string },
  kept: Record<string, string> = {},
): string {
  const keptEnvelopes = Object.fromEntries(plan.keep.map((field) => [field, kept[field]]));
  return JSON.stringify({ ...keptEnvelopes, ...encryptSecretMap(plan.newSecrets, integrationRef(ref)) });
}

/** Settings that are safe to audit: names of what changed, never values of secrets. */
/** Identifiers kept out of audit entries' values (an edit names them as changed). */
const UNAUDITED_VALUES = new Set(["accessKeyId", "clientId"]);

function auditedSettings(plan: StoragePlan): Record<string, unknown> {
  const config = plan.config as Record<string, unknown>;
  return Object.fromEntries(Object.entries(config).filter(([key]) => !UNAUDITED_VALUES.has(key)));
}

/**
 * An edit's settings as { field: { from, to } } for the audit log (shown in words there); the
 * identifiers left out of audited settings are named as changed without their values.
 */
function settingChanges(beforeJson: string, after: object): Record<string, unknown> {
  let before: Record<string, unknown> = {};
  try {
    before = JSON.parse(beforeJson) as Record<string, unknown>;
  } catch {
    // a damaged row: every setting counts as changed, from nothing
  }
  const values = after as Record<string, unknown>;
  return Object.fromEntries(
    changedFields(beforeJson, after).map((field) =>
      UNAUDITED_VALUES.has(field)
        ? [field, "changed"]
        : [field, { from: before[field] ?? null, to: values[field] ?? null }],
    ),
  );
}

export async function createIntegration(
  actor: Actor,
  input: CreateIntegrationInput,
): Promise<IntegrationView> {
  const { environmentId, values } = parseInput(createIntegrationInput, input);
  assertIntegrationAccess(actor, "edit");
  await assertFeatureEnabled(actor.organisationId, values.kind);
  await assertEnvironment(actor, environmentId);
  await assertCredentialReference(values, environmentId);
  const plan = planIntegrationStorage(values);
  const id = newIntegrationId();
  await onUniqueViolation(async () => {
    await db().$transaction(async (tx) => {
      await tx.integration.create({
        data: {
          id,
          environmentId,
          kind: values.kind,
          name: values.name,
          config: JSON.stringify(plan.config),
          secrets: secretsJson(plan, { id, name: values.name }),
          createdByLabel: actor.label,
          updatedByLabel: actor.label,
        },
        select: { id: true },
      });
      const details = {
        kind: values.kind,
        settings: auditedSettings(plan),
        enteredFields: Object.keys(plan.newSecrets),
      };
      await recordAudit(
        actor,
        {
          action: "integration.create",
          environmentId,
          target: { type: "integration", id, label: values.name },
          details,
        },
        tx,
      );
    });
  }, nameTaken);
  const row = await db().integration.findUniqueOrThrow({ where: { id }, select: ROW_SELECT });
  return viewOf(row, await credentialNames(environmentId));
}

/** Replaces only the secrets typed again; a stale version (someone else saved first) is refused. */
export async function updateIntegration(
  actor: Actor,
  input: UpdateIntegrationInput,
): Promise<IntegrationView> {
  const { id, expectedVersion, values } = parseInput(updateIntegrationInput, input);
  assertIntegrationAccess(actor, "edit");
  const row = await db().integration.findFirst({
    where: ownedIntegration(actor, id),
    select: {
      id: true,
      name: true,
      kind: true,
      version: true,
      config: true,
      secrets: true,
      environmentId: true,
    },
  });
  if (!row || !isIntegrationKind(row.kind)) throw new DomainError(NOT_FOUND, "not_found");
  await assertFeatureEnabled(actor.organisationId, row.kind);
  if (values.kind !== row.kind)
    throw new DomainError("The kind of an integration cannot be changed.", "invalid");
  const stale = new DomainError(
    "Someone else changed this integration since you opened it. Reload to see their changes.",
    "conflict",
  );
  if (expectedVersion !== undefined && expectedVersion !== row.version) throw stale;
  await assertCredentialReference(values, row.environmentId);
  const plan = planIntegrationStorage(values, storedSecretFields(row));
  assertSecretsRetyped(row.kind, parseStoredIntegration(row.kind, row.config, row.name).config, plan);
  const envelopes = parseSecretColumn(row.secrets, integrationRef(row));
  await onUniqueViolation(async () => {
    await db().$transaction(async (tx) => {
      const data = {
        name: values.name,
        config: JSON.stringify(plan.config),
        secrets: secretsJson(plan, { id, name: values.name }, envelopes),
        version: row.version + 1,
        updatedByLabel: actor.label,
        updatedAt: new Date(),
      };
      const { count } = await tx.integration.updateMany({ where: { id, version: row.version }, data });
      if (count !== 1) throw stale;
      const dropped = Object.keys(envelopes).filter(
        (field) => !plan.keep.includes(field) && !(field in plan.newSecrets),
      );
      const details = {
        kind: row.kind,
        version: row.version + 1,
        renamed: row.name !== values.name,
        settings: settingChanges(row.config, plan.config),
        replacedFields: Object.keys(plan.newSecrets),
        removedFields: dropped,
      };
      await recordAudit(
        actor,
        {
          action: "integration.update",
          environmentId: row.environmentId,
          target: { type: "integration", id, label: values.name },
          details,
        },
        tx,
      );
    });
  }, nameTaken);
  const updated = await db().integration.findUniqueOrThrow({ where: { id }, select: ROW_SELECT });
  return viewOf(updated, await credentialNames(row.environmentId));
}

export async function deleteIntegration(
  actor: Actor,
  input: { id: string; confirmName?: string },
): Promise<{ id: string; name: string; kind: IntegrationKind }> {
  const { id, confirmName } = parseInput(deleteIntegrationInput, input);
  assertIntegrationAccess(actor, "edit");
  const row = await db().integration.findFirst({
    where: ownedIntegration(actor, id),
    select: { id: true, name: true, kind: true, environmentId: true },
  });
  if (!row || !isIntegrationKind(row.kind)) throw new DomainError(NOT_FOUND, "not_found");
  if (confirmName !== undefined && confirmName !== row.name)
    throw new DomainError(`Type "${row.name}" to confirm.`, "invalid", {
      confirmName: "The name does not match.",
    });
  await assertFeatureEnabled(actor.organisationId, row.kind);
  await db().$transaction(async (tx) => {
    await tx.integration.delete({ where: { id } });
    await recordAudit(
      actor,
      {
        action: "integration.delete",
        environmentId: row.environmentId,
        target: { type: "integration", id, label: row.name },
        details: { kind: row.kind },
      },
      tx,
    );
  });
  return { id, name: row.name, kind: row.kind };
}
