import "server-only";
import { db } from "../db";
import { batchedWriter, periodEntry, requeuePeriodEntry } from "../db/batched-writer";
import { processSingleton } from "../db/singleton";
import {
  isLegacyRole,
  isPermission,
  permissionsOfRole,
  PERMISSION_NAMES,
  type LegacyRole,
  type OperationAccess,
  type Permission,
} from "../permissions/registry";
import type { Actor } from "../auth/actor";
import { DomainError } from "../result";
import { API_KEY_NOT_FOUND, findOwnedKey, getApiKey, type ApiKeyView } from "./views";

// What each key's successful /v1 calls needed, counted per permission (or, for operations only a
// legacy role may call, per role) and UTC day. Recorded on the request path as a map update and
// written in batches like the usage counters; rows older than the window are pruned on the
// first write of each day, so a key never holds more than 31 rows per permission it uses.

export const OBSERVATION_WINDOW_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The name an operation's access is counted under: `cards:read`, or `role:auth`. */
export function accessName(access: OperationAccess): string {
  return "permission" in access ? access.permission : `role:${access.legacyRole}`;
}

type Entry = { keyId: string; day: number; access: string; requests: number; lastAt: number };
type Pending = Map<string, Entry>;

const startOfDay = (ms: number) => ms - (ms % DAY_MS);

/** The first day inside the window (the window is today and the 29 days before it). */
export const windowStart = (now: number) => startOfDay(now) - (OBSERVATION_WINDOW_DAYS - 1) * DAY_MS;

/** Counts one successful call of `keyId` that needed `access` (see accessName). */
export function recordPermissionUse(keyId: string, access: string): void {
  const now = Date.now();
  const day = now - (now % DAY_MS);
  const pending = writer.pending;
  const entry = periodEntry(pending, keyId + "|" + access, "day", day, () => {
    writer.schedule();
    return { keyId, day, access, requests: 0, lastAt: now };
  });
  entry.requests++;
  entry.lastAt = now;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null ? String((error as { code?: unknown }).code) : undefined;
}

const GONE = new Set(["P2003", "P2025"]); // the key was deleted before its counts were written

async function writeEntry(entry: Entry): Promise<void> {
  const day = new Date(entry.day);
  const lastUsedAt = new Date(entry.lastAt);
  const write = () =>
    db().apiKeyPermissionUse.upsert({
      where: { apiKeyId_day_access: { apiKeyId: entry.keyId, day, access: entry.access } },
      create: { apiKeyId: entry.keyId, day, access: entry.access, requests: entry.requests, lastUsedAt },
      update: { requests: { increment: entry.requests }, lastUsedAt },
      select: { apiKeyId: true },
    });
  try {
    await write();
  } catch (error) {
    // Two instances created the same row at once: it exists now, so add to it.
    if (errorCode(error) !== "P2002") throw error;
    await write();
  }
}

/** Deletes every key's rows older than the window. Returns how many went. */
export async function prunePermissionUse(now = Date.now()): Promise<number> {
  const { count } = await db().apiKeyPermissionUse.deleteMany({
    where: { day: { lt: new Date(windowStart(now)) } },
  });
  return count;
}

// The day this process last pruned: the first write of each day prunes.
const pruned = () => processSingleton("api-keys.permission-use.pruned", () => ({ day: 0 }));

const writer = batchedWriter<Pending>({
  name: "api-keys.permission-use",
  empty: () => new Map(),
  isEmpty: (pending) => pending.size === 0,
  async write(batch, requeue) {
    for (const [id, entry] of batch) {
      // Written or put back: either way no longer one of the batch's unwritten counts.
      try {
        await writeEntry(entry);
        batch.delete(id);
      } catch (error) {
        batch.delete(id);
        if (GONE.has(errorCode(error) ?? "")) continue;
        // The database is unavailable: keep the counts for the next flush.
        requeuePeriodEntry(requeue, `${entry.keyId}|${entry.access}`, "day", entry, (into, from) => {
          into.requests += from.requests;
          into.lastAt = Math.max(into.lastAt, from.lastAt);
        });
      }
    }
    const today = startOfDay(Date.now());
    const state = pruned();
    if (state.day !== today) {
      await prunePermissionUse().then(
        () => (state.day = today),
        () => undefined,
      );
    }
  },
});

/** Writes the pending counts now. */
export const flushPermissionUse = (): Promise<void> => writer.flush();

export type ObservedAccess = { requests: number; lastUsedAt: Date };

/** Per access name, the key's calls in the window: written rows plus this instance's pending counts. */
export async function observedAccess(keyId: string, now = Date.now()): Promise<Map<string, ObservedAccess>> {
  const from = windowStart(now);
  const rows = await db().apiKeyPermissionUse.groupBy({
    by: ["access"],
    where: { apiKeyId: keyId, day: { gte: new Date(from) } },
    _sum: { requests: true },
    _max: { lastUsedAt: true },
  });
  const result = new Map<string, ObservedAccess>();
  const add = (access: string, requests: number, lastAt: Date) => {
    const current = result.get(access);
    if (!current) result.set(access, { requests, lastUsedAt: lastAt });
    else {
      current.requests += requests;
      if (lastAt > current.lastUsedAt) current.lastUsedAt = lastAt;
    }
  };
  for (const row of rows) add(row.access, row._sum.requests ?? 0, row._max.lastUsedAt ?? new Date(from));
  for (const batch of writer.unwritten())
    for (const entry of batch.values())
      if (entry.keyId === keyId && entry.day >= from)
        add(entry.access, entry.requests, new Date(entry.lastAt));
  return result;
}

export type ObservedPermission = {
  permission: Permission;
  requests: number;
  lastUsedAt: Date;
  /** Whether the key holds it now (a fine-grained key may have lost it since). */
  granted: boolean;
};

export type LeastPrivilege = {
  windowDays: number;
  since: Date;
  totalRequests: number;
  /** Permissions the calls needed, in registry order. */
  observed: ObservedPermission[];
  /** Calls of operations only a legacy role may make (the credentials API): no permission covers them. */
  roleCalls: { role: LegacyRole; requests: number; lastUsedAt: Date }[];
  /** What the key holds now: its permissions, or its role's. */
  granted: Permission[];
  /** Held but not needed by any call in the window. */
  unused: Permission[];
  /** The least a fine-grained key needs for the same calls: observed and still held. */
  suggested: Permission[];
  /** Whether a fine-grained key with `suggested` would hold less than this key does. */
  canNarrow: boolean;
};

/** What the key's last 30 days of calls needed, beside what it holds. */
export async function leastPrivilegeOf(
  key: Pick<ApiKeyView, "id" | "kind" | "permissions" | "role">,
  now = Date.now(),
): Promise<LeastPrivilege> {
  const observedByAccess = await observedAccess(key.id, now);
  const granted =
    key.kind === "legacy" ? (key.role ? permissionsOfRole(key.role) : []) : [...key.permissions];
  const observed: ObservedPermission[] = [];
  for (const permission of PERMISSION_NAMES) {
    const use = observedByAccess.get(permission);
    if (use) observed.push({ permission, ...use, granted: granted.includes(permission) });
  }
  const roleCalls: LeastPrivilege["roleCalls"] = [];
  for (const [access, use] of observedByAccess) {
    const role = access.startsWith("role:") ? access.slice(5) : null;
    if (isLegacyRole(role)) roleCalls.push({ role, ...use });
  }
  const suggested = observed.filter((o) => o.granted).map((o) => o.permission);
  const unused = granted.filter((permission) => isPermission(permission) && !suggested.includes(permission));
  let totalRequests = 0;
  for (const use of observedByAccess.values()) totalRequests += use.requests;
  return {
    windowDays: OBSERVATION_WINDOW_DAYS,
    since: new Date(windowStart(now)),
    totalRequests,
    observed,
    roleCalls,
    granted,
    unused,
    suggested,
    canNarrow: suggested.length > 0 && (key.kind === "legacy" || unused.length > 0),
  };
}

/** The console's and the API's view: the key must be one the actor may see. */
export async function getLeastPrivilege(actor: Actor, keyId: string): Promise<LeastPrivilege> {
  const key = await getApiKey(actor, { id: keyId });
  return leastPrivilegeOf(key);
}

/** GET /v1/{environmentId}/api-keys/{clientId}/permission-use: a key of the environment, by client ID. */
export async function apiPermissionUse(actor: Actor, environmentId: number, clientId: string) {
  const key = await findOwnedKey(actor, { clientId });
  if (key.environmentId !== environmentId) throw new DomainError(API_KEY_NOT_FOUND, "not_found");
  const use = await leastPrivilegeOf(key);
  const iso = (date: Date) => date.toISOString();
  return {
    clientId: key.clientId,
    kind: key.kind,
    role: key.role,
    windowDays: use.windowDays,
    since: iso(use.since),
    totalRequests: use.totalRequests,
    observed: use.observed.map((o) => ({ ...o, lastUsedAt: iso(o.lastUsedAt) })),
    legacyRoleCalls: use.roleCalls.map((c) => ({ ...c, lastUsedAt: iso(c.lastUsedAt) })),
    granted: use.granted,
    unused: use.unused,
    suggested: use.suggested,
  };
}
