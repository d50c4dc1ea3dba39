import "server-only";
import { randomUUID } from "node:crypto";
import { db, processSingleton, type Db } from "../db";
import { isLegacyRole, isPermission, type LegacyRole, type Permission } from "../permissions/registry";
import { compileAllowlist, type AllowlistRange } from "./allowlist";
import { secretDigest } from "./secrets";
import type { ApiKeyKind } from "./schemas";

// A per-instance cache of what the token endpoint and /v1/* need to know about a key. It lives
// in a processSingleton (Next and server/ bundle lib/ separately) and holds plain data only.
// A console action on this instance clears it at once; other instances notice a change within
// ~0.3 s by polling a change marker that every key mutation rewrites (plus the key count, for
// keys removed by a cascade).

export type KeyState = {
  id: string;
  clientId: string;
  environmentId: number;
  organisationId: string;
  name: string;
  kind: ApiKeyKind;
  permissions: Permission[];
  role: LegacyRole | null;
  /** SHA-256 of the current secret (decoded from the stored hex once, when cached). */
  secretDigest: Buffer | null;
  secretGeneration: number;
  previousSecretDigest: Buffer | null;
  /** Milliseconds since the epoch, as are the other times here. */
  previousSecretExpiresAt: number | null;
  expiresAt: number | null;
  revokedAt: number | null;
  allowlist: AllowlistRange[];
  /** Report-only allowlist: other addresses pass and are recorded (an empty list records all). */
  allowlistReportOnly: boolean;
  /** The rotation's grace follows traffic: uses of the previous secret are recorded. */
  graceFollowsTraffic: boolean;
};

type Cache = {
  byClientId: Map<string, KeyState | null>;
  byId: Map<string, KeyState | null>;
  inflight: Map<string, Promise<KeyState | null>>;
  epoch: number;
  marker: string | null;
  poller: ReturnType<typeof setInterval> | null;
  polling: boolean;
};

export const CHANGE_MARKER_KEY = "api_keys.changed";
const POLL_INTERVAL_MS = 300;
const MAX_ENTRIES = 50_000;

function cache(): Cache {
  return processSingleton<Cache>("api-keys.key-state", () => ({
    byClientId: new Map(),
    byId: new Map(),
    inflight: new Map(),
    epoch: 0,
    marker: null,
    poller: null,
    polling: false,
  }));
}

/** Forgets every cached key on this instance (cheap: entries reload on their next use). */
export function invalidateKeyStates(): void {
  const c = cache();
  c.byClientId.clear();
  c.byId.clear();
  c.inflight.clear();
  c.epoch++;
}

/** Called inside every key mutation's transaction so other instances notice it. */
export async function markKeysChanged(tx: Pick<Db, "setting"> = db()): Promise<void> {
  const value = randomUUID();
  await tx.setting.upsert({
    where: { key: CHANGE_MARKER_KEY },
    create: { key: CHANGE_MARKER_KEY, value },
    update: { value },
    select: { key: true },
  });
}

async function pollOnce(): Promise<void> {
  const c = cache();
  if (c.polling) return;
  c.polling = true;
  try {
    const [marker, count] = await Promise.all([
      db().setting.findUnique({ where: { key: CHANGE_MARKER_KEY }, select: { value: true } }),
      db().apiKey.count(),
    ]);
    const seen = `${marker?.value ?? ""}/${count}`;
    if (seen !== c.marker) {
      c.marker = seen;
      invalidateKeyStates();
    }
  } catch {
    // Without the database we cannot know about revocations: forget everything.
    c.marker = null;
    invalidateKeyStates();
  } finally {
    c.polling = false;
  }
}

function ensurePoller(): void {
  const c = cache();
  if (c.poller) return;
  c.poller = setInterval(() => void pollOnce(), POLL_INTERVAL_MS);
  c.poller.unref();
}

export function stopKeyStatePoller(): void {
  const c = cache();
  if (c.poller) clearInterval(c.poller);
  c.poller = null;
}

const STATE_SELECT = {
  id: true,
  clientId: true,
  environmentId: true,
  name: true,
  kind: true,
  permissions: true,
  role: true,
  secretHash: true,
  secretGeneration: true,
  previousSecretHash: true,
  previousSecretExpiresAt: true,
  expiresAt: true,
  revokedAt: true,
  allowlist: true,
  allowlistMode: true,
  previousSecretUnusedMinutes: true,
  environment: { select: { organisationId: true } },
} as const;

function parseJsonArray(json: string): unknown[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

type StateRow = NonNullable<Awaited<ReturnType<typeof loadRow>>>;

function loadRow(where: { id: string } | { clientId: string }) {
  return db().apiKey.findUnique({ where, select: STATE_SELECT });
}

function toState(row: StateRow): KeyState {
  return {
    id: row.id,
    clientId: row.clientId,
    environmentId: row.environmentId,
    organisationId: row.environment.organisationId,
    name: row.name,
    kind: row.kind === "legacy" ? "legacy" : "fine_grained",
    permissions: parseJsonArray(row.permissions).filter(isPermission),
    role: isLegacyRole(row.role) ? row.role : null,
    secretDigest: secretDigest(row.secretHash),
    secretGeneration: row.secretGeneration,
    previousSecretDigest: secretDigest(row.previousSecretHash),
    previousSecretExpiresAt: row.previousSecretExpiresAt?.getTime() ?? null,
    expiresAt: row.expiresAt?.getTime() ?? null,
    revokedAt: row.revokedAt?.getTime() ?? null,
    allowlist: compileAllowlist(
      parseJsonArray(row.allowlist).filter((e): e is string => typeof e === "string"),
    ),
    allowlistReportOnly: row.allowlistMode === "report",
    graceFollowsTraffic: row.previousSecretUnusedMinutes !== null && row.previousSecretHash !== null,
  };
}

function remember(c: Cache, lookup: string, state: KeyState | null, byClientId: boolean): void {
  if (c.byClientId.size + c.byId.size > MAX_ENTRIES) invalidateKeyStates();
  if (state) {
    c.byClientId.set(state.clientId, state);
    c.byId.set(state.id, state);
  } else {
    (byClientId ? c.byClientId : c.byId).set(lookup, null);
  }
}

/** The cached state (null: known not to exist), or undefined when it must be loaded. */
export function cachedKeyStateByClientId(clientId: string): KeyState | null | undefined {
  ensurePoller();
  return cache().byClientId.get(clientId);
}

/** The cached state by key id (null: known not to exist), or undefined when it must be loaded. */
export function cachedKeyStateById(id: string): KeyState | null | undefined {
  ensurePoller();
  return cache().byId.get(id);
}

async function lookup(value: string, byClientId: boolean): Promise<KeyState | null> {
  ensurePoller();
  const c = cache();
  const cached = (byClientId ? c.byClientId : c.byId).get(value);
  if (cached !== undefined) return cached;
  const flightKey = (byClientId ? "c:" : "i:") + value;
  const pending = c.inflight.get(flightKey);
  if (pending) return pending;
  const epoch = c.epoch;
  const promise = loadRow(byClientId ? { clientId: value } : { id: value })
    .then((row) => {
      const state = row ? toState(row) : null;
      // A change landed while we were reading: do not cache what may be stale.
      if (c.epoch === epoch) remember(c, value, state, byClientId);
      return state;
    })
    .finally(() => {
      if (c.inflight.get(flightKey) === promise) c.inflight.delete(flightKey);
    });
  c.inflight.set(flightKey, promise);
  return promise;
}

export function keyStateByClientId(clientId: string): Promise<KeyState | null> {
  return lookup(clientId, true);
}

export function keyStateById(id: string): Promise<KeyState | null> {
  return lookup(id, false);
}
