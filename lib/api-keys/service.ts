import "server-only";
import { db, type Db } from "../db";
import { recordAudit } from "../audit";
import { assertActorCan } from "../auth/access";
import { actorId, type Actor } from "../auth/actor";
import { assertEnvironment } from "../organisations/access";
import { DomainError, isDomainError, parseInput } from "../result";
import { emitEvent } from "../webhooks/emit";
import { apiKeyData } from "../webhooks/payloads";
import { invalidateKeyStates, markKeysChanged } from "./key-state";
import { leastPrivilegeOf } from "./permission-use";
import {
  allowlistSchema,
  apiKeyIdInput,
  createApiKeyInput,
  rotateApiKeyInput,
  enforceObservedInput,
  FOLLOW_TRAFFIC,
  FOLLOW_TRAFFIC_LIMIT_MS,
  MAX_ALLOWLIST_ENTRIES,
  ROTATION_GRACE,
  updateApiKeyInput,
  type CreateApiKeyInput,
  type RotateApiKeyInput,
} from "./schemas";
import { compileAllowlist, ipAllowed } from "./allowlist";
import { flushTraffic, observedAddresses } from "./traffic";
import { generateClientId, generateClientSecret, hashSecret, secretHint } from "./secrets";
import { API_KEY_NOT_FOUND, findOwnedKey, toView, VIEW_SELECT, type ApiKeyView } from "./views";

// Every change: checks the actor's right (assertActorCan) and that the environment or key is one
// it may reach, writes the audit log (never a secret) and the change marker in the same
// transaction, then clears this instance's key cache so the next request sees the change.

export type ApiKeyWithSecret = { key: ApiKeyView; clientSecret: string };

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
const TX_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

async function mutate<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db().$transaction(work, TX_OPTIONS);
  } finally {
    invalidateKeyStates();
  }
}

/**
 * A key created by another key (the legacy credentials API) never escapes its creator's limits:
 * it inherits the creator's IP allowlist when it has none of its own, and cannot outlive it.
 */
async function creatorLimits(
  actor: Actor,
  input: CreateApiKeyInput,
): Promise<Pick<CreateApiKeyInput, "allowlist" | "expiresAt">> {
  if (actor.type !== "api_key") return {};
  const creator = await db().apiKey.findUniqueOrThrow({
    where: { id: actor.apiKeyId },
    select: { allowlist: true, expiresAt: true },
  });
  const inherited = JSON.parse(creator.allowlist) as string[];
  const requested = input.expiresAt ?? null;
  return {
    allowlist: input.allowlist?.length ? input.allowlist : inherited,
    expiresAt:
      creator.expiresAt && (!requested || requested > creator.expiresAt)
        ? creator.expiresAt
        : (requested ?? undefined),
  };
}

export async function createApiKey(actor: Actor, input: CreateApiKeyInput): Promise<ApiKeyWithSecret> {
  assertActorCan(actor, "apiKeys", "edit");
  const data = { ...parseInput(createApiKeyInput, input), ...(await creatorLimits(actor, input)) };
  await assertEnvironment(actor, data.environmentId);
  const origin = data.kind === "fine_grained" && data.basedOn ? await observedOrigin(actor, data) : {};
  const clientSecret = generateClientSecret();
  const key = await mutate(async (tx) => {
    const row = await tx.apiKey.create({
      data: {
        environmentId: data.environmentId,
        name: data.name,
        kind: data.kind,
        permissions: JSON.stringify(data.kind === "fine_grained" ? data.permissions : []),
        role: data.kind === "legacy" ? data.role : null,
        clientId: generateClientId(),
        secretHash: hashSecret(clientSecret),
        secretHint: secretHint(clientSecret),
        expiresAt: data.expiresAt ?? null,
        allowlist: JSON.stringify(data.allowlist ?? []),
        allowlistMode: data.allowlistMode ?? "enforce",
        createdById: actorId(actor),
        createdByLabel: actor.label,
      },
      select: VIEW_SELECT,
    });
    const view = toView(row);
    await recordAudit(
      actor,
      {
        action: "api_key.create",
        environmentId: view.environmentId,
        target: target(view),
        details: { ...describe(view), ...origin },
      },
      tx,
    );
    await emitEvent(tx, {
      environmentId: view.environmentId,
      type: "api_key.created",
      data: apiKeyData(view),
    });
    await markKeysChanged(tx);
    return view;
  });
  return { key, clientSecret };
}

/**
 * A key created from another key's observed use: the audit entry names that key and what its
 * calls needed (the creator may have changed the selection; both lists are in the entry).
 */
async function observedOrigin(
  actor: Actor,
  data: { environmentId: number; basedOn?: string },
): Promise<Record<string, unknown>> {
  const source = await findOwnedKey(actor, { id: data.basedOn ?? "" }).catch((error: unknown) => {
    if (isDomainError(error, "not_found")) return null;
    throw error;
  });
  if (!source || source.environmentId !== data.environmentId)
    throw new DomainError(
      "The key to take the observed permissions from is not in this environment",
      "invalid",
      {
        basedOn: "Unknown API key in this environment",
      },
    );
  const use = await leastPrivilegeOf(source);
  return {
    createdFromObservedUseOf: `${source.name} (${source.clientId})`,
    observedPermissions: use.suggested,
  };
}

function target(key: ApiKeyView) {
  return { type: "api_key", id: key.id, label: `${key.name} (${key.clientId})` };
}

function describe(key: ApiKeyView): Record<string, unknown> {
  return {
    name: key.name,
    kind: key.kind,
    ...(key.kind === "legacy" ? { role: key.role } : { permissions: key.permissions }),
    expiresAt: key.expiresAt?.toISOString() ?? null,
    allowlist: key.allowlist,
    allowlistMode: key.allowlistMode,
  };
}

export async function updateApiKey(actor: Actor, input: unknown): Promise<ApiKeyView> {
  assertActorCan(actor, "apiKeys", "edit");
  const data = parseInput(updateApiKeyInput, input);
  const current = await findOwnedKey(actor, { id: data.id });
  if (current.kind === "fine_grained" && data.role !== undefined) {
    throw new DomainError("A fine-grained key has permissions, not a role", "invalid", {
      role: "Not for fine-grained keys",
    });
  }
  if (current.kind === "legacy" && data.permissions !== undefined) {
    throw new DomainError("A legacy key has a role, not permissions", "invalid", {
      permissions: "Not for legacy keys",
    });
  }
  const expiryChanged =
    data.expiresAt !== undefined &&
    (data.expiresAt?.getTime() ?? null) !== (current.expiresAt?.getTime() ?? null);
  if (expiryChanged && data.expiresAt && data.expiresAt.getTime() <= Date.now()) {
    throw new DomainError("The expiry date must be in the future", "invalid", {
      expiresAt: "The expiry date must be in the future",
    });
  }
  const stale = new DomainError(
    "Someone else changed this key since you opened it. Reload to see their changes, then edit again.",
    "conflict",
  );
  const expected = data.expectedVersion ?? current.version;
  if (expected !== current.version) throw stale;
  return mutate(async (tx) => {
    const { count } = await tx.apiKey.updateMany({
      where: { id: current.id, version: expected },
      data: {
        version: expected + 1,
        updatedAt: new Date(),
        ...(data.name !== undefined ? { name: data.name } : {}),
        ...(data.permissions !== undefined ? { permissions: JSON.stringify(data.permissions) } : {}),
        ...(data.role !== undefined ? { role: data.role } : {}),
        ...(data.expiresAt !== undefined ? { expiresAt: data.expiresAt } : {}),
        ...(data.allowlist !== undefined ? { allowlist: JSON.stringify(data.allowlist) } : {}),
        ...(data.allowlistMode !== undefined ? { allowlistMode: data.allowlistMode } : {}),
      },
    });
    if (count !== 1) throw stale;
    const view = toView(
      await tx.apiKey.findUniqueOrThrow({ where: { id: current.id }, select: VIEW_SELECT }),
    );
    await recordAudit(
      actor,
      {
        action: "api_key.update",
        environmentId: view.environmentId,
        target: target(view),
        details: changes(current, view),
      },
      tx,
    );
    await markKeysChanged(tx);
    return view;
  });
}

function changes(before: ApiKeyView, after: ApiKeyView): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const a = describe(before);
  const b = describe(after);
  for (const field of Object.keys(b)) {
    if (JSON.stringify(a[field]) !== JSON.stringify(b[field]))
      out[field] = { from: a[field] ?? null, to: b[field] };
  }
  return out;
}

class RotationConflict extends Error {}

/**
 * Issues a new secret. The old one (and tokens issued under it) stops working at once, unless a
 * grace period was chosen. Concurrent rotations are serialised by a compare-and-set on the
 * secret generation, so exactly one secret — the last one returned — works afterwards.
 */
export async function rotateApiKey(actor: Actor, input: RotateApiKeyInput): Promise<ApiKeyWithSecret> {
  assertActorCan(actor, "apiKeys", "edit");
  const { id, grace, unusedMinutes, expiresAt } = parseInput(rotateApiKeyInput, input);
  const followsTraffic = grace === FOLLOW_TRAFFIC;
  await findOwnedKey(actor, { id });
  for (let attempt = 0; attempt < 200; attempt++) {
    const clientSecret = generateClientSecret();
    try {
      const key = await mutate(async (tx) => {
        const current = await tx.apiKey.findUniqueOrThrow({
          where: { id },
          select: { secretHash: true, secretGeneration: true, revokedAt: true },
        });
        if (current.revokedAt) throw new DomainError("A revoked key cannot be rotated", "conflict");
        // A grace that follows traffic runs at most 7 days; the periodic job ends it sooner.
        const graceMs = followsTraffic ? FOLLOW_TRAFFIC_LIMIT_MS : ROTATION_GRACE[grace];
        const now = new Date();
        const { count } = await tx.apiKey.updateMany({
          where: { id, secretGeneration: current.secretGeneration },
          data: {
            secretHash: hashSecret(clientSecret),
            secretHint: secretHint(clientSecret),
            secretGeneration: current.secretGeneration + 1,
            previousSecretHash: graceMs ? current.secretHash : null,
            previousSecretExpiresAt: graceMs ? new Date(now.getTime() + graceMs) : null,
            secretRotatedAt: now,
            previousSecretUnusedMinutes: followsTraffic ? unusedMinutes : null,
            previousSecretLastUsedAt: null,
            previousSecretLastUsedIp: null,
            updatedAt: now,
            ...(expiresAt !== undefined ? { expiresAt } : {}),
          },
        });
        if (count !== 1) throw new RotationConflict();
        const view = toView(await tx.apiKey.findUniqueOrThrow({ where: { id }, select: VIEW_SELECT }));
        await recordAudit(
          actor,
          {
            action: "api_key.rotate",
            environmentId: view.environmentId,
            target: target(view),
            details: {
              grace,
              ...(followsTraffic ? { unusedMinutes } : {}),
              ...(expiresAt !== undefined ? { expiresAt: expiresAt?.toISOString() ?? null } : {}),
            },
          },
          tx,
        );
        await emitEvent(tx, {
          environmentId: view.environmentId,
          type: "api_key.rotated",
          data: apiKeyData(view),
        });
        await markKeysChanged(tx);
        return view;
      });
      return { key, clientSecret };
    } catch (error) {
      if (!(error instanceof RotationConflict) && !isWriteConflict(error)) throw error;
    }
  }
  throw new DomainError("The key is being rotated by someone else; try again", "conflict");
}

function isWriteConflict(error: unknown): boolean {
  // P2034: PostgreSQL serialization failure / deadlock, retried like a lost compare-and-set.
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2034";
}

export async function revokeApiKey(actor: Actor, input: unknown): Promise<ApiKeyView> {
  assertActorCan(actor, "apiKeys", "edit");
  const { id } = parseInput(apiKeyIdInput, input);
  const current = await findOwnedKey(actor, { id });
  if (current.revokedAt) return current;
  return mutate(async (tx) => {
    const view = toView(
      await tx.apiKey.update({
        where: { id },
        data: { revokedAt: new Date(), updatedAt: new Date() },
        select: VIEW_SELECT,
      }),
    );
    await recordAudit(
      actor,
      { action: "api_key.revoke", environmentId: view.environmentId, target: target(view) },
      tx,
    );
    await emitEvent(tx, {
      environmentId: view.environmentId,
      type: "api_key.revoked",
      data: apiKeyData(view),
    });
    await markKeysChanged(tx);
    return view;
  });
}

export async function deleteApiKey(actor: Actor, input: unknown): Promise<{ id: string; clientId: string }> {
  assertActorCan(actor, "apiKeys", "edit");
  const { id } = parseInput(apiKeyIdInput, input);
  const current = await findOwnedKey(actor, { id });
  await mutate(async (tx) => {
    const { count } = await tx.apiKey.deleteMany({ where: { id } });
    if (count === 0) throw new DomainError(API_KEY_NOT_FOUND, "not_found");
    await recordAudit(
      actor,
      { action: "api_key.delete", environmentId: current.environmentId, target: target(current) },
      tx,
    );
    await markKeysChanged(tx);
  });
  return { id: current.id, clientId: current.clientId };
}

/**
 * "Allow these and enforce": the addresses a report-only allowlist saw in the last 30 days join
 * it, and it is enforced from the next request on. One audited change; the list of addresses
 * seen starts afresh. Refused when the result would exceed the allowlist's limit.
 */
export async function enforceObservedAddresses(actor: Actor, input: unknown): Promise<ApiKeyView> {
  assertActorCan(actor, "apiKeys", "edit");
  const data = parseInput(enforceObservedInput, input);
  const current = await findOwnedKey(actor, { id: data.id });
  if (current.revokedAt) throw new DomainError("A revoked key cannot be changed", "conflict");
  if (current.allowlistMode !== "report")
    throw new DomainError("The key's allowlist is already enforced", "conflict");
  const expected = data.expectedVersion ?? current.version;
  const stale = new DomainError(
    "Someone else changed this key since you opened it. Reload to see their changes, then try again.",
    "conflict",
  );
  if (expected !== current.version) throw stale;
  await flushTraffic();
  const seen = (await observedAddresses(current.id)).map((row) => row.address);
  const added = seen.filter((address) => !ipAllowed(compileAllowlist(current.allowlist), address));
  const allowlist = allowlistSchema.parse([...current.allowlist, ...added]);
  if (allowlist.length === 0)
    throw new DomainError(
      "No address has called with this key yet: an empty allowlist lets every address in",
      "invalid",
    );
  if (allowlist.length > MAX_ALLOWLIST_ENTRIES)
    throw new DomainError(
      `The allowlist would hold ${allowlist.length} entries; at most ${MAX_ALLOWLIST_ENTRIES}. Edit it to use ranges.`,
      "invalid",
    );
  return mutate(async (tx) => {
    const { count } = await tx.apiKey.updateMany({
      where: { id: current.id, version: expected, allowlistMode: "report" },
      data: {
        version: expected + 1,
        updatedAt: new Date(),
        allowlist: JSON.stringify(allowlist),
        allowlistMode: "enforce",
      },
    });
    if (count !== 1) throw stale;
    await tx.apiKeyObservedAddress.deleteMany({ where: { apiKeyId: current.id } });
    const view = toView(
      await tx.apiKey.findUniqueOrThrow({ where: { id: current.id }, select: VIEW_SELECT }),
    );
    await recordAudit(
      actor,
      {
        action: "api_key.allowlist_enforce",
        environmentId: view.environmentId,
        target: target(view),
        details: {
          allowed: added,
          allowlist: { from: current.allowlist, to: view.allowlist },
          allowlistMode: { from: "report", to: "enforce" },
        },
      },
      tx,
    );
    await markKeysChanged(tx);
    return view;
  });
}
