import { z } from "zod";
import { LEGACY_ROLES, PERMISSION_NAMES, type Permission } from "../permissions/registry";
import { parseAllowlistEntry } from "./allowlist";
import { pageNumber } from "../pagination";
import {
  ALLOWLIST_MODES,
  API_KEY_KINDS,
  API_KEY_STATUSES,
  DEFAULT_UNUSED_MINUTES,
  MAX_ALLOWLIST_ENTRIES,
  MAX_UNUSED_MINUTES,
  ROTATION_GRACE_OPTIONS,
  type RotationGrace,
} from "./constants";

export * from "./constants";

// The single definition of API key inputs: the console form (zodResolver), its server action
// and the services all parse with these.

export const unusedMinutesSchema = z.coerce
  .number({ error: "Enter a number of minutes" })
  .int("Enter whole minutes")
  .min(1, "At least 1 minute")
  .max(MAX_UNUSED_MINUTES, `At most ${MAX_UNUSED_MINUTES} minutes (7 days)`);

export const allowlistModeSchema = z.enum(ALLOWLIST_MODES, { error: 'Choose "enforce" or "report"' });

export const apiKeyId = z.string().trim().min(1, "Missing API key").max(64);
export const environmentIdSchema = z.coerce.number().int().positive().max(2_147_483_647);

export const apiKeyName = z
  .string()
  .trim()
  .min(1, "Give the key a name")
  .max(100, "Keep the name under 100 characters");

export const permissionSchema = z.enum(PERMISSION_NAMES as [Permission, ...Permission[]], {
  error: (issue) => `Unknown permission ${JSON.stringify(issue.input)}`,
});

export const permissionsSchema = z
  .array(permissionSchema)
  .min(1, "Choose at least one permission")
  .transform((list) => [...new Set(list)]);

export const legacyRoleSchema = z.enum(LEGACY_ROLES, { error: "Choose a role: auth, workbench or events" });

/** Accepts a list, or text with one entry per line/comma; returns normalized, de-duplicated entries. */
export const allowlistSchema = z
  .preprocess(
    (value) => (typeof value === "string" ? value.split(/[\s,]+/).filter(Boolean) : (value ?? [])),
    z.array(z.string()).max(MAX_ALLOWLIST_ENTRIES, `At most ${MAX_ALLOWLIST_ENTRIES} entries`),
  )
  .transform((entries, ctx) => {
    const normalized: string[] = [];
    for (const entry of entries) {
      const parsed = parseAllowlistEntry(entry);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.error });
      else if (!normalized.includes(parsed.normalized)) normalized.push(parsed.normalized);
    }
    return normalized;
  });

/** A date or ISO string; "" and null mean "no expiry". */
export const expiryDateSchema = z.preprocess(
  (value) => (value === "" || value === undefined ? null : value),
  z.coerce.date({ error: "Enter a valid date" }).nullable(),
);

const futureExpiry = expiryDateSchema.refine((date) => date === null || date.getTime() > Date.now(), {
  message: "The expiry date must be in the future",
});

const commonFields = {
  environmentId: environmentIdSchema,
  name: apiKeyName,
  expiresAt: futureExpiry.optional(),
  allowlist: allowlistSchema.optional(),
  allowlistMode: allowlistModeSchema.optional(),
};

export const createApiKeyInput = z.discriminatedUnion("kind", [
  z.object({
    ...commonFields,
    kind: z.literal("fine_grained"),
    permissions: permissionsSchema,
    /** The key whose observed use the permissions were taken from ("Create a fine-grained key with exactly these"). */
    basedOn: apiKeyId.optional(),
  }),
  z.object({ ...commonFields, kind: z.literal("legacy"), role: legacyRoleSchema }),
]);
export type CreateApiKeyInput = z.infer<typeof createApiKeyInput>;

/**
 * An edit. Omitted fields stay as they are. The expiry may be unchanged even if already past
 * (the service checks "in the future" only for a new value).
 */
export const updateApiKeyInput = z.object({
  id: apiKeyId,
  /** The version the editor opened: refuses to overwrite someone else's newer edit. */
  expectedVersion: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  name: apiKeyName.optional(),
  permissions: permissionsSchema.optional(),
  role: legacyRoleSchema.optional(),
  expiresAt: expiryDateSchema.optional(),
  allowlist: allowlistSchema.optional(),
  allowlistMode: allowlistModeSchema.optional(),
});
export type UpdateApiKeyInput = z.infer<typeof updateApiKeyInput>;

export const rotateApiKeyInput = z.object({
  id: apiKeyId,
  grace: z.enum(ROTATION_GRACE_OPTIONS as [RotationGrace, ...RotationGrace[]]).default("none"),
  /** With grace "until_unused": the minutes of silence that end it. */
  unusedMinutes: unusedMinutesSchema.default(DEFAULT_UNUSED_MINUTES),
  /** A new expiry set in the same step (null: none); omitted, the expiry stays as it is. */
  expiresAt: futureExpiry.optional(),
});
export type RotateApiKeyInput = z.input<typeof rotateApiKeyInput>;

export const apiKeyIdInput = z.object({ id: apiKeyId });
/** "Allow these and enforce": the addresses seen go into the allowlist, which is then enforced. */
export const enforceObservedInput = z.object({
  id: apiKeyId,
  expectedVersion: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});
/** Deleting from the console: the caller also types the key's name to confirm. */
export const deleteApiKeyInput = apiKeyIdInput.extend({ confirmName: z.string().max(1000).default("") });

export const listApiKeysInput = z.object({
  environmentId: environmentIdSchema,
  search: z.string().trim().max(100).optional(),
  status: z.enum(API_KEY_STATUSES).optional(),
  page: pageNumber,
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListApiKeysInput = z.input<typeof listApiKeysInput>;

// ---- GET /v1/{environmentId}/api-keys/{clientId}/permission-use ----

const permissionName = z.enum(PERMISSION_NAMES as [Permission, ...Permission[]]);

export const permissionUseResponse = z.object({
  data: z.object({
    clientId: z.string(),
    kind: z.enum(API_KEY_KINDS),
    role: z.enum(LEGACY_ROLES).nullable(),
    windowDays: z.number().int(),
    since: z.string().describe("The first day counted (UTC midnight)"),
    totalRequests: z.number().int(),
    observed: z.array(
      z.object({
        permission: permissionName,
        requests: z.number().int(),
        lastUsedAt: z.string(),
        granted: z.boolean().describe("Whether the key holds it now"),
      }),
    ),
    legacyRoleCalls: z
      .array(z.object({ role: z.enum(LEGACY_ROLES), requests: z.number().int(), lastUsedAt: z.string() }))
      .describe("Calls of operations only a legacy role may make (the credentials API)"),
    granted: z.array(permissionName),
    unused: z.array(permissionName).describe("Held, but needed by no call in the window"),
    suggested: z
      .array(permissionName)
      .describe("What a fine-grained key needs for the same calls: observed and still held"),
  }),
});
