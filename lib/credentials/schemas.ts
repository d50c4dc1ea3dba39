// The single definition of credential input (STYLE.md "One schema, three uses"): the form
// validates with it, the server action parses with it again, and the API derives from it.
// Client-safe: no Node imports. The private key is parsed for real on the server (service).
import { z } from "zod";
import {
  CREDENTIAL_TYPES,
  headerNameProblem,
  isHttpUrl,
  isValidHeaderValue,
  KEY_PAIR_ALGORITHMS,
  OAUTH_SCHEMES,
  parseCustomClaims,
} from "./field-rules";

export * from "./field-rules";

/** `create`: every required secret must be typed. `update`: an empty secret means "unchanged". */
export type FormMode = "create" | "update";

const text = (label: string, max = 500) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .refine(isValidHeaderValue, `${label} cannot contain line breaks or control characters.`);
const required = (label: string, max = 500) =>
  text(label, max).refine((v) => v.length > 0, `Enter the ${label}.`);

function secret(label: string, mode: FormMode, max = 4096) {
  const base = z.string().max(max, `Use at most ${max} characters.`);
  return mode === "create" ? base.refine((v) => v.length > 0, `Enter the ${label}.`) : base.optional();
}

// Service and region go into the credential scope exactly as entered (seed 003), so they are
// validated rather than rewritten.
const scopePart = (label: string) =>
  z
    .string()
    .min(1, `Enter the ${label}.`)
    .max(64, "Use at most 64 characters.")
    .regex(/^[^\s/]+$/, `The ${label} cannot contain spaces or '/'.`);

export const credentialName = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(100, "Use at most 100 characters.");

function oauthFields(mode: FormMode) {
  return z.object({
    type: z.literal("oauth_client_credentials"),
    name: credentialName,
    identityUrl: required("Identity URL", 2048).refine(
      isHttpUrl,
      "Enter an http:// or https:// URL (without a user name or password).",
    ),
    clientId: required("client ID"),
    clientSecret: secret("client secret", mode),
    scope: text("scope", 1000),
    scheme: z.enum(OAUTH_SCHEMES),
  });
}

function awsFields(mode: FormMode) {
  return z.object({
    type: z.literal("aws_signed_request"),
    name: credentialName,
    accessKeyId: required("access key ID", 128).refine(
      (v) => /^[A-Za-z0-9]*$/.test(v),
      "An access key ID contains only letters and digits.",
    ),
    secretAccessKey: secret("secret access key", mode, 256),
    // Optional in both modes; on update, `clearSessionToken` removes a stored one.
    sessionToken: z.string().max(4096, "Use at most 4096 characters.").optional(),
    clearSessionToken: z.boolean().optional(),
    service: scopePart("service"),
    region: scopePart("region"),
    signQuery: z.boolean(),
  });
}

function basicFields(mode: FormMode) {
  return z.object({
    type: z.literal("basic"),
    name: credentialName,
    username: required("user name").refine(
      (v) => !v.includes(":"),
      "A Basic auth user name cannot contain ':'.",
    ),
    password: secret("password", mode, 1024),
  });
}

function keyPairFields(mode: FormMode) {
  return z
    .object({
      type: z.literal("key_pair"),
      name: credentialName,
      privateKeyPem: z
        .string()
        .max(16_384, "That is too long for a PEM private key.")
        .refine(
          (v) => v.trim() === "" || /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/.test(v),
          "Paste a PEM private key (-----BEGIN PRIVATE KEY-----).",
        )
        .optional(),
      /** Generate a new key pair on the server instead of pasting one; the private key never leaves it. */
      generateKey: z.boolean().optional(),
      algorithm: z.enum(KEY_PAIR_ALGORITHMS),
      issuer: text("issuer"),
      subject: text("subject"),
      audience: text("audience"),
      customClaims: z.union([
        z.string().max(8000, "Use at most 8000 characters."),
        z.record(z.string(), z.unknown()),
      ]),
      lifetimeSeconds: z
        .number()
        .int("Enter whole seconds.")
        .min(10, "Use at least 10 seconds.")
        .max(86_400, "Use at most 86400 seconds (24 h)."),
      keyId: text("key ID", 200),
    })
    .superRefine((value, ctx) => {
      const claims = parseCustomClaims(value.customClaims);
      if ("error" in claims) ctx.addIssue({ code: "custom", message: claims.error, path: ["customClaims"] });
      if (mode === "create" && !value.generateKey && !value.privateKeyPem?.trim()) {
        ctx.addIssue({
          code: "custom",
          message: "Paste the private key, or generate a new key pair.",
          path: ["privateKeyPem"],
        });
      }
    });
}

function customHeadersFields(mode: FormMode) {
  const header = z
    .object({
      name: z.string().trim(),
      value: z.string().max(8192, "Use at most 8192 characters."),
      secret: z.boolean(),
    })
    .superRefine((h, ctx) => {
      const problem = headerNameProblem(h.name);
      if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["name"] });
      if (!isValidHeaderValue(h.value))
        ctx.addIssue({
          code: "custom",
          message: "A header value cannot contain line breaks or control characters.",
          path: ["value"],
        });
      // On update a secret value left empty keeps the stored one.
      if (h.value === "" && !(mode === "update" && h.secret))
        ctx.addIssue({ code: "custom", message: "Enter a value.", path: ["value"] });
    });
  return z.object({
    type: z.literal("custom_headers"),
    name: credentialName,
    headers: z
      .array(header)
      .min(1, "Add at least one header.")
      .max(50, "Use at most 50 headers.")
      .superRefine((headers, ctx) => {
        const seen = new Set<string>();
        headers.forEach((h, index) => {
          const key = h.name.toLowerCase();
          if (seen.has(key))
            ctx.addIssue({
              code: "custom",
              message: `${h.name} is already in the list.`,
              path: [index, "name"],
            });
          seen.add(key);
        });
      }),
  });
}

/** The form's schema: a discriminated union on `type`. */
export function credentialFormSchema(mode: FormMode) {
  return z.discriminatedUnion("type", [
    oauthFields(mode),
    awsFields(mode),
    basicFields(mode),
    keyPairFields(mode),
    customHeadersFields(mode),
  ]);
}

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
export const deleteCredentialInput = z.object({ id: credentialIdInput });

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
  contentType: z.string().trim().max(200).optional(),
});

export const listCredentialsInput = z.object({
  environmentId: environmentIdInput,
  search: z.string().trim().max(100).optional(),
  type: z.enum(CREDENTIAL_TYPES).optional(),
  page: z.number().int().min(1).optional(),
  pageSize: z.number().int().min(1).max(100).optional(),
});

export type CredentialFormValues = z.infer<typeof createCredentialFields>;
export type CredentialUpdateValues = z.infer<typeof updateCredentialFields>;
export type CreateCredentialInput = z.infer<typeof createCredentialInput>;
export type UpdateCredentialInput = z.infer<typeof updateCredentialInput>;
export type DuplicateCredentialInput = z.infer<typeof duplicateCredentialInput>;
export type TestCredentialInput = z.infer<typeof testCredentialInput>;
export type ListCredentialsInput = z.infer<typeof listCredentialsInput>;
