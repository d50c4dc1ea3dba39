import "server-only";
import { randomBytes } from "node:crypto";
import { recordAudit, changedFields } from "../audit";
import { actorId, type Actor } from "../auth/actor";
import { encryptSecretMap, reencryptSecretMap } from "../crypto";
import { db, onUniqueViolation } from "../db";
import { assertEnvironment } from "../organisations/access";
import { DomainError, parseInput } from "../result";
import { assertCredentialAccess, NOT_FOUND, ownedBy } from "./access";
import { dropCredentialCaches } from "./cache";
import { normaliseDestinations, sameDestinations, storedDestinations } from "./destinations";
import type { CredentialType } from "./kinds";
import { SERVER_KINDS } from "./kinds/server";
import type { FormValuesOf } from "./kinds/server-kind";
import {
  credentialType,
  editValuesOf,
  existingSecrets,
  parseStoredConfig,
  recordRef,
  SECRET_ROW,
  type EditValues,
} from "./record";
import {
  createCredentialInput,
  deleteCredentialInput,
  duplicateCredentialInput,
  updateCredentialInput,
  type CreateCredentialInput,
  type DuplicateCredentialInput,
  type UpdateCredentialInput,
} from "./schemas";
import { planStorage, type StoragePlan } from "./storage-mapping";
import { credentialUsers, inUseRefusal, type CredentialUser } from "./users";
import { SUMMARY_SELECT, summaryOf, type CredentialSummary } from "./views";
import { jwksStateOf, type JwksState } from "./jwks";

export type CredentialForEdit = CredentialSummary &
  EditValues & { usedBy: CredentialUser[]; jwks: JwksState | null };

function newCredentialId(): string {
  return `cred_${randomBytes(12).toString("base64url")}`;
}

function nameTaken(): DomainError {
  return new DomainError("A credential with this name already exists in this environment.", "conflict", {
    name: "This name is already used in this environment.",
  });
}

/** Refuses (not found) a credential id that is not one of this environment's, as the actor sees them. */
export async function assertCredentialInEnvironment(
  actor: Actor,
  environmentId: number,
  id: string,
): Promise<void> {
  assertCredentialAccess(actor, "view");
  await assertEnvironment(actor, environmentId);
  const found = await db().credential.findFirst({
    where: { ...ownedBy(actor, id), environmentId },
    select: { id: true },
  });
  if (!found) throw new DomainError(NOT_FOUND, "not_found");
}

/** For the edit form: settings and which secrets are set, never a secret value. */
export async function getCredentialForEdit(actor: Actor, id: string): Promise<CredentialForEdit> {
  assertCredentialAccess(actor, "view");
  const row = await db().credential.findFirst({
    where: ownedBy(actor, id),
    select: {
      ...SUMMARY_SELECT,
      secrets: true,
      jwksPublished: true,
      jwksPublicId: true,
      previousPublicKeys: true,
    },
  });
  if (!row) throw new DomainError(NOT_FOUND, "not_found");
  const { secrets, jwksPublished, jwksPublicId, previousPublicKeys, ...summary } = row;
  return {
    ...summaryOf(summary),
    ...editValuesOf({ ...summary, secrets }),
    usedBy: await credentialUsers(row.environmentId, row.id),
    jwks:
      row.type === "key_pair"
        ? jwksStateOf(
            { jwksPublished, jwksPublicId, previousPublicKeys },
            parseStoredConfig("key_pair", row.config, row.name),
          )
        : null,
  };
}

/**
 * The rule that keeps an edit from pointing a saved secret somewhere new: changing the allowed
 * destinations, or a setting that decides where the secret goes (OAuth: the Identity URL),
 * needs every stored secret typed again in the same save.
 */
function assertSecretsRetyped<T extends CredentialType>(
  values: FormValuesOf<T> & { type: T },
  change: { destinations: boolean; settings: string[] },
  plan: StoragePlan<T>,
): void {
  if ((!change.destinations && change.settings.length === 0) || plan.keep.length === 0) return;
  const kind = SERVER_KINDS[values.type];
  const what = change.destinations ? "where this credential may be sent" : change.settings.join(", ");
  const message = `Type this secret again: changing ${what} needs the secret in the same save.`;
  const errors: Record<string, string> = {};
  for (const field of plan.keep) errors[kind.secretFormPath?.(field, values as never) ?? field] = message;
  const cause = `Changing this needs the credential's secret typed again in the same save.`;
  if (change.destinations) errors.allowedDestinations = cause;
  for (const setting of change.settings) errors[setting] = cause;
  throw new DomainError(
    `Type the secret again to change ${what}: a saved secret is never sent somewhere new without it.`,
    "invalid",
    errors,
  );
}

function changedBoundSettings(type: CredentialType, before: object, after: object): string[] {
  const bound: readonly string[] = SERVER_KINDS[type].boundSettings ?? [];
  const get = (config: object, key: string) => JSON.stringify((config as Record<string, unknown>)[key]);
  return bound.filter((key) => get(before, key) !== get(after, key));
}

function encryptPlan(plan: StoragePlan, id: string, name: string, kept: Record<string, string> = {}): string {
  const keptEnvelopes = Object.fromEntries(plan.keep.map((field) => [field, kept[field]]));
  return JSON.stringify({ ...keptEnvelopes, ...encryptSecretMap(plan.newSecrets, recordRef({ id, name })) });
}

export async function createCredential(
  actor: Actor,
  input: CreateCredentialInput,
): Promise<CredentialSummary> {
  const { environmentId, credential: values } = parseInput(createCredentialInput, input);
  assertCredentialAccess(actor, "edit");
  await assertEnvironment(actor, environmentId);
  const plan = await planStorage(values);
  const destinations = normaliseDestinations(values.allowedDestinations);
  const id = newCredentialId();
  return onUniqueViolation(async () => {
    const row = await db().$transaction(async (tx) => {
      const created = await tx.credential.create({
        data: {
          id,
          environmentId,
          name: values.name,
          type: plan.type,
          config: JSON.stringify(plan.config),
          secrets: encryptPlan(plan, id, values.name),
          allowedDestinations: JSON.stringify(destinations),
          createdById: actorId(actor),
          createdByLabel: actor.label,
          updatedById: actorId(actor),
          updatedByLabel: actor.label,
        },
        select: SUMMARY_SELECT,
      });
      await recordAudit(
        actor,
        {
          action: "credential.create",
          environmentId,
          target: { type: "credential", id, label: values.name },
          details: { type: plan.type, fields: Object.keys(plan.config), allowedDestinations: destinations },
        },
        tx,
      );
      return created;
    });
    return summaryOf(row);
  }, nameTaken);
}

/** Bumps the version (caches key on it) and replaces only the secrets typed again. */
export async function updateCredential(
  actor: Actor,
  input: UpdateCredentialInput,
): Promise<CredentialSummary> {
  const { id, expectedVersion, credential: values } = parseInput(updateCredentialInput, input);
  assertCredentialAccess(actor, "edit");
  const row = await db().credential.findFirst({
    where: ownedBy(actor, id),
    select: SECRET_ROW,
  });
  if (!row) throw new DomainError(NOT_FOUND, "not_found");
  const stale = new DomainError(
    "Someone else changed this credential since you opened it. Reload to see their changes.",
    "conflict",
  );
  if (expectedVersion !== undefined && expectedVersion !== row.version) throw stale;
  if (values.type !== row.type)
    throw new DomainError(
      "The type of a credential cannot be changed; create a new credential instead.",
      "invalid",
      { type: "The type cannot be changed." },
    );
  const existing = existingSecrets(row);
  const plan = await planStorage(values, existing);
  const before = storedDestinations(row);
  const destinations = normaliseDestinations(values.allowedDestinations);
  const destinationsChanged = !sameDestinations(before, destinations);
  const oldConfig = parseStoredConfig(credentialType(row), row.config, row.name);
  assertSecretsRetyped(
    values,
    {
      destinations: destinationsChanged,
      settings: changedBoundSettings(values.type, oldConfig, plan.config),
    },
    plan,
  );
  await onUniqueViolation(async () => {
    await db().$transaction(async (tx) => {
      const data = {
        name: values.name,
        config: JSON.stringify(plan.config),
        secrets: encryptPlan(plan, id, values.name, existing.envelopes),
        allowedDestinations: JSON.stringify(destinations),
        version: row.version + 1,
        updatedById: actorId(actor),
        updatedByLabel: actor.label,
        updatedAt: new Date(),
      };
      const { count } = await tx.credential.updateMany({ where: { id, version: row.version }, data });
      if (count !== 1) throw stale;
      const details = {
        type: plan.type,
        version: row.version + 1,
        renamed: row.name !== values.name,
        changedSettings: changedFields(row.config, plan.config),
        replacedFields: Object.keys(plan.newSecrets),
        ...(destinationsChanged ? { allowedDestinations: { from: before, to: destinations } } : {}),
      };
      await recordAudit(
        actor,
        {
          action: "credential.update",
          environmentId: row.environmentId,
          target: { type: "credential", id, label: values.name },
          details,
        },
        tx,
      );
    });
  }, nameTaken);
  dropCredentialCaches(id);
  const updated = await db().credential.findUniqueOrThrow({ where: { id }, select: SUMMARY_SELECT });
  return summaryOf(updated);
}

async function copyName(environmentId: number, name: string): Promise<string> {
  const base = `Copy of ${name}`.slice(0, 90);
  const taken = new Set(
    (
      await db().credential.findMany({
        where: { environmentId, name: { startsWith: base } },
        select: { name: true },
      })
    ).map((r) => r.name),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base} (${n})`)) return `${base} (${n})`;
}

/** Copies settings and secrets; each secret is re-encrypted bound to the new id. */
export async function duplicateCredential(
  actor: Actor,
  input: DuplicateCredentialInput,
): Promise<CredentialSummary> {
  const { id, name } = parseInput(duplicateCredentialInput, input);
  assertCredentialAccess(actor, "edit");
  const row = await db().credential.findFirst({
    where: ownedBy(actor, id),
    select: {
      id: true,
      name: true,
      type: true,
      config: true,
      secrets: true,
      environmentId: true,
      allowedDestinations: true,
      secretExpiresAt: true,
    },
  });
  if (!row) throw new DomainError(NOT_FOUND, "not_found");
  const newId = newCredentialId();
  const newName = name ?? (await copyName(row.environmentId, row.name));
  const secrets = reencryptSecretMap(
    existingSecrets({ ...row, version: 0 }).envelopes,
    recordRef(row),
    recordRef({ id: newId, name: newName }),
  );
  return onUniqueViolation(async () => {
    const created = await db().$transaction(async (tx) => {
      const copy = await tx.credential.create({
        data: {
          id: newId,
          environmentId: row.environmentId,
          name: newName,
          type: row.type,
          config: row.config,
          secrets: JSON.stringify(secrets),
          allowedDestinations: JSON.stringify(storedDestinations(row)),
          // The same secret expires at the provider on the same day (its notices start afresh).
          secretExpiresAt: row.secretExpiresAt,
          createdById: actorId(actor),
          createdByLabel: actor.label,
          updatedById: actorId(actor),
          updatedByLabel: actor.label,
        },
        select: SUMMARY_SELECT,
      });
      await recordAudit(
        actor,
        {
          action: "credential.duplicate",
          environmentId: row.environmentId,
          target: { type: "credential", id: newId, label: newName },
          details: { type: row.type, copiedFrom: row.id, copiedFromName: row.name },
        },
        tx,
      );
      return copy;
    });
    return summaryOf(created);
  }, nameTaken);
}

export async function deleteCredential(
  actor: Actor,
  input: { id: string; confirmName?: string },
): Promise<{ id: string; name: string }> {
  const { id, confirmName } = parseInput(deleteCredentialInput, input);
  assertCredentialAccess(actor, "edit");
  const row = await db().credential.findFirst({
    where: ownedBy(actor, id),
    select: { id: true, name: true, type: true, environmentId: true },
  });
  if (!row) throw new DomainError(NOT_FOUND, "not_found");
  if (confirmName !== undefined && confirmName !== row.name)
    throw new DomainError(`Type "${row.name}" to confirm.`, "invalid", {
      confirmName: "The name does not match.",
    });
  const users = await credentialUsers(row.environmentId, id);
  if (users.length) throw inUseRefusal(row.name, users);
  await db()
    .$transaction(async (tx) => {
      await tx.credential.delete({ where: { id } });
      await recordAudit(
        actor,
        {
          action: "credential.delete",
          environmentId: row.environmentId,
          target: { type: "credential", id, label: row.name },
          details: { type: row.type },
        },
        tx,
      );
    })
    .catch(async (error: unknown) => {
      // A webhook endpoint started using it since the check: the database refused the delete.
      if ((error as { code?: unknown } | null)?.code !== "P2003") throw error;
      throw inUseRefusal(row.name, await credentialUsers(row.environmentId, id));
    });
  dropCredentialCaches(id);
  return { id, name: row.name };
}
