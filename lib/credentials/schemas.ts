// The single definition of credential input: the form validates with it, the server action
// parses with it again, and the API derives from it. Each kind's own fields are in ./kinds.
// Client-safe: no Node imports.
import { z } from "zod";
import { isHttpUrl, isValidHeaderValue } from "./field-rules";
import { credentialFormSchema, CREDENTIAL_TYPES } from "./kinds";
import { credentialName } from "./kinds/kind";
import { pageNumber } from "../pagination";

export * from "./field-rules";
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

export const TEST_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"] as const;
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

export const listCredentialsInput = z.object({
  environmentId: environmentIdInput,
  search: z.string().trim().max(100).optional(),
  type: z.enum(CREDENTIAL_TYPES).optional(),
  page: pageNumber,
  pageSize: z.number().int().min(1).max(100).optional(),
});

export type CredentialFormValues = z.infer<typeof createCredentialFields>;
export type CredentialUpdateValues = z.infer<typeof updateCredentialFields>;
export type CreateCredentialInput = z.infer<typeof createCredentialInput>;
export type UpdateCredentialInput = z.infer<typeof updateCredentialInput>;
export type DuplicateCredentialInput = z.infer<typeof duplicateCredentialInput>;
export type TestCredentialInput = z.infer<typeof testCredentialInput>;
export type ListCredentialsInput = z.input<typeof listCredentialsInput>;
