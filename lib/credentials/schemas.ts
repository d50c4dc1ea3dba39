// The single definition of credential input: the form validates with it, the server action
// parses with it again, and the API derives from it. Each kind's own fields are in ./kinds.
// Client-safe: no Node imports.
import { z } from "zod";
import { isHttpUrl, isValidHeaderValue } from "./field-rules";
import { credentialFormSchema, CREDENTIAL_TYPES } from "./kinds";
import { credentialName } from "./kinds/kind";
import { pageNumber } from "../pagination";
import { MAX_KEY_PAIR_OVERLAP_SECONDS, TEST_METHODS } from "./constants";

export * from "./field-rules";
export * from "./constants";
export {
  CREDENTIAL_KINDS,
  CREDENTIAL_TYPE_INFO,
  CREDENTIAL_TYPES,
  credentialFormSchema,
  type CredentialType,
} from "./kinds";
export { credentialName, type FormMode } from "./kinds/kind";

export const createCredentialFields = credentialFormSchema("create");
export const updateCredentialFields = credentialFormSchema("update");

export const environmentIdInput = z.number().int().positive();
export const credentialIdInput = z.string().min(1).max(100);

/** Server action / API input for create: the form values plus the environment from the URL. */
export const createCredentialInput = z.object({
  environmentId: environmentIdInput,
  credential: createCredentialFields,
});
/** Update: `expectedVersion` (from the edit form) refuses to overwrite someone else's newer edit. */
export const updateCredentialInput = z.object({
  id: credentialIdInput,
  expectedVersion: z.number().int().positive().optional(),
  credential: updateCredentialFields,
});
export const duplicateCredentialInput = z.object({ id: credentialIdInput, name: credentialName.optional() });
/** `confirmName`: the name typed in the console's confirmation, checked when given. */
export const deleteCredentialInput = z.object({ id: credentialIdInput, confirmName: z.string().optional() });

export const testCredentialInput = z.object({
  id: credentialIdInput,
  /** Empty: OAuth tests only the token request; AWS uses STS GetCallerIdentity in the region. */
  url: z
    .string()
    .trim()
    .max(8192)
    .refine((v) => v === "" || isHttpUrl(v), "Enter an http:// or https:// URL.")
    .optional(),
  method: z.enum(TEST_METHODS).optional(),
  body: z.string().max(65_536, "Use at most 64 KiB.").optional(),
  contentType: z
    .string()
    .trim()
    .max(200, "Use at most 200 characters.")
    .refine(isValidHeaderValue, "The content type cannot contain line breaks or control characters.")
    .optional(),
});

/** "Test before saving": the new-credential form's values and the test request, nothing stored. */
export const testUnsavedCredentialInput = createCredentialInput.extend({
  test: testCredentialInput.omit({ id: true }).default({}),
});
export type TestUnsavedCredentialInput = z.input<typeof testUnsavedCredentialInput>;

/** The credential list's orders: by name, or soonest provider-side secret expiry first. */
export const CREDENTIAL_SORTS = ["name", "secret_expiry"] as const;
export type CredentialSort = (typeof CREDENTIAL_SORTS)[number];

export const listCredentialsInput = z.object({
  environmentId: environmentIdInput,
  search: z.string().trim().max(100).optional(),
  type: z.enum(CREDENTIAL_TYPES).optional(),
  sort: z.enum(CREDENTIAL_SORTS).optional(),
  page: pageNumber,
  pageSize: z.number().int().min(1).max(100).optional(),
});

/** Hosted JWKS of a key-pair credential: publish or stop publishing its public keys. */
export const setJwksPublishedInput = z.object({ id: credentialIdInput, published: z.boolean() });
export type SetJwksPublishedInput = z.infer<typeof setJwksPublishedInput>;

export const rotateKeyPairInput = z.object({
  id: credentialIdInput,
  overlapSeconds: z
    .number()
    .int("Enter whole seconds.")
    .min(0, "The overlap cannot be negative.")
    .max(MAX_KEY_PAIR_OVERLAP_SECONDS, "Keep the previous key for at most 30 days."),
  /** The version the member saw: a rotation never lands on top of someone else's newer edit. */
  expectedVersion: z.number().int().positive().optional(),
});
export type RotateKeyPairInput = z.infer<typeof rotateKeyPairInput>;

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** When the credential's secret expires at the provider (`YYYY-MM-DD`, from 00:00 UTC that day), or none. */
export const setSecretExpiryInput = z.object({
  id: credentialIdInput,
  secretExpiresOn: z
    .string()
    .trim()
    .refine(
      (v) => v === "" || (/^\d{4}-\d{2}-\d{2}$/.test(v) && isCalendarDate(v)),
      "Enter a date like 2027-03-31, or leave it empty.",
    )
    .refine(
      (v) => v === "" || (v >= "2000-01-01" && v <= "2199-12-31"),
      "Enter a date between 2000 and 2199.",
    ),
});
export type SetSecretExpiryInput = z.infer<typeof setSecretExpiryInput>;

// ---- /v1: hosted JWKS, key-pair rotation, secret expiry ----
const isoDateTime = z.string().meta({ format: "date-time" });
export const jwksStateView = z.object({
  published: z.boolean(),
  url: z.string().nullable().describe("The JWKS URL on the public API while published"),
  keys: z.array(
    z.object({
      kid: z.string(),
      current: z.boolean(),
      until: isoDateTime.nullable().describe("A previous key: published until its rotation overlap ends"),
    }),
  ),
});
export const jwksStateResponse = z.object({ data: jwksStateView });
export const setJwksBody = setJwksPublishedInput.omit({ id: true });
export const rotateKeyPairBody = rotateKeyPairInput.omit({ id: true });
export const rotateKeyPairResponse = z.object({
  data: z.object({
    version: z.number().int(),
    kid: z.string(),
    previousKid: z.string(),
    overlapUntil: isoDateTime.nullable(),
  }),
});
export const secretExpiryBody = z.object({
  secretExpiresOn: setSecretExpiryInput.shape.secretExpiresOn
    .nullable()
    .describe("YYYY-MM-DD (from 00:00 UTC that day), or null for none"),
});
export const secretExpiryResponse = z.object({
  data: z.object({ id: z.string(), secretExpiresAt: isoDateTime.nullable() }),
});

export type CredentialFormValues = z.infer<typeof createCredentialFields>;
export type CredentialUpdateValues = z.infer<typeof updateCredentialFields>;
export type CreateCredentialInput = z.infer<typeof createCredentialInput>;
export type UpdateCredentialInput = z.infer<typeof updateCredentialInput>;
export type DuplicateCredentialInput = z.infer<typeof duplicateCredentialInput>;
export type TestCredentialInput = z.infer<typeof testCredentialInput>;
export type ListCredentialsInput = z.input<typeof listCredentialsInput>;
