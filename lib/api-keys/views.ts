import { refusalsOfKey, type RefusalView } from "./refusals";
import "server-only";
import { db } from "../db";
import { assertActorCan } from "../auth/access";
import type { Actor } from "../auth/actor";
import { ownedWhere } from "../organisations/access";
import { DomainError, parseInput } from "../result";
import { isLegacyRole, isPermission, type LegacyRole, type Permission } from "../permissions/registry";
import { apiKeyIdInput, type AllowlistMode, type ApiKeyKind, type ApiKeyStatus } from "./schemas";
import { observedAddresses, pendingPreviousSecretUse, type ObservedAddress } from "./traffic";
import { pendingUsage, usageLast24Hours, type UsageHour } from "./usage";

/** What the console and the CLI see of a key. Never the secret or its hash. */
export type ApiKeyView = {
  id: string;
  environmentId: number;
  name: string;
  kind: ApiKeyKind;
  permissions: Permission[];
  role: LegacyRole | null;
  clientId: string;
  secretHint: string;
  createdByLabel: string;
  createdAt: Date;
  updatedAt: Date;
  /** Bumped on every edit; the edit dialog sends it back as `expectedVersion`. */
  version: number;
  expiresAt: Date | null;
  allowlist: string[];
  allowlistMode: AllowlistMode;
  revokedAt: Date | null;
  /** While a rotation's grace period runs, the previous secret works until then. */
  previousSecretExpiresAt: Date | null;
  secretRotatedAt: Date | null;
  /** A grace that follows traffic: it ends after this many minutes without the previous secret. */
  previousSecretUnusedMinutes: number | null;
  previousSecretLastUsedAt: Date | null;
  previousSecretLastUsedIp: string | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  lastUsedUserAgent: string | null;
  status: ApiKeyStatus;
};

export const VIEW_SELECT = {
  id: true,
  environmentId: true,
  name: true,
  kind: true,
  permissions: true,
  role: true,
  clientId: true,
  secretHint: true,
  createdByLabel: true,
  createdAt: true,
  updatedAt: true,
  version: true,
  expiresAt: true,
  allowlist: true,
  allowlistMode: true,
  revokedAt: true,
  previousSecretExpiresAt: true,
  secretRotatedAt: true,
  previousSecretUnusedMinutes: true,
  previousSecretLastUsedAt: true,
  previousSecretLastUsedIp: true,
  lastUsedAt: true,
  lastUsedIp: true,
  lastUsedUserAgent: true,
} as const;

/** A row as the database answers `VIEW_SELECT`, before `toView`. */
export type ViewRow = Omit<
  ApiKeyView,
  "kind" | "permissions" | "role" | "allowlist" | "allowlistMode" | "status"
> & {
  allowlistMode: string;
  kind: string;
  permissions: string;
  role: string | null;
  allowlist: string;
};

function jsonStrings(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

export function statusOf(
  key: { revokedAt: Date | null; expiresAt: Date | null },
  now = Date.now(),
): ApiKeyStatus {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt.getTime() <= now) return "expired";
  return "active";
}

export function toView(row: ViewRow): ApiKeyView {
  // Last use recorded on this instance but not flushed yet is fresher than the row.
  const pending = pendingUsage(row.id).lastUsed;
  const lastUsed =
    pending && (!row.lastUsedAt || pending.at > row.lastUsedAt.getTime())
      ? { lastUsedAt: new Date(pending.at), lastUsedIp: pending.ip, lastUsedUserAgent: pending.userAgent }
      : { lastUsedAt: row.lastUsedAt, lastUsedIp: row.lastUsedIp, lastUsedUserAgent: row.lastUsedUserAgent };
  const previousUse = pendingPreviousSecretUse(row.id);
  const previous =
    previousUse &&
    row.previousSecretUnusedMinutes !== null &&
    (!row.previousSecretLastUsedAt || previousUse.at > row.previousSecretLastUsedAt.getTime())
      ? { previousSecretLastUsedAt: new Date(previousUse.at), previousSecretLastUsedIp: previousUse.ip }
      : {};
  return {
    ...row,
    ...lastUsed,
    ...previous,
    allowlistMode: row.allowlistMode === "report" ? "report" : "enforce",
    kind: row.kind === "legacy" ? "legacy" : "fine_grained",
    permissions: jsonStrings(row.permissions).filter(isPermission),
    role: isLegacyRole(row.role) ? row.role : null,
    allowlist: jsonStrings(row.allowlist),
    status: statusOf(row),
  };
}

export const API_KEY_NOT_FOUND = "API key not found";

/** Loads a key the actor may see, or throws not_found (also for keys of other tenants). */
export async function findOwnedKey(
  actor: Actor,
  where: { id: string } | { clientId: string },
): Promise<ApiKeyView> {
  assertActorCan(actor, "apiKeys", "view");
  const row = await db().apiKey.findFirst({ where: { ...where, ...ownedWhere(actor) }, select: VIEW_SELECT });
  if (!row) throw new DomainError(API_KEY_NOT_FOUND, "not_found");
  return toView(row);
}

export async function getApiKey(actor: Actor, input: unknown): Promise<ApiKeyView> {
  const { id } = parseInput(apiKeyIdInput, input);
  return findOwnedKey(actor, { id });
}

/** Hourly counts of the last 24 hours: token requests, API requests, 401/403/429 refusals. */
/** The key's last refused requests, newest first ("Why is my key failing?"). */
export async function getRefusals(actor: Actor, keyId: string): Promise<RefusalView[]> {
  const key = await getApiKey(actor, { id: keyId });
  return refusalsOfKey(key.id);
}

/** The addresses outside a report-only allowlist seen in the last 30 days, most requests first. */
export async function getObservedAddresses(actor: Actor, keyId: string): Promise<ObservedAddress[]> {
  const key = await getApiKey(actor, { id: keyId });
  return observedAddresses(key.id);
}

export async function getUsage(actor: Actor, keyId: string): Promise<UsageHour[]> {
  const key = await getApiKey(actor, { id: keyId });
  return usageLast24Hours(key.id);
}
