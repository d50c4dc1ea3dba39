// The single definition of premium integration input (one schema, three uses):
// the dialog forms validate with it, the server actions and the services parse with it again.
// Client-safe: no Node imports.
import { z } from "zod";
import { isHttpUrl, isValidHeaderValue } from "../credentials/field-rules";
import { INTEGRATION_KINDS, PREMIUM_FEATURES, type S3Kind } from "./kinds";

/** `create`: every required secret must be typed. `update`: an empty secret means "unchanged". */
export type FormMode = "create" | "update";

const text = (label: string, max = 500) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .refine(isValidHeaderValue, `The ${label} cannot contain line breaks or control characters.`);
const required = (label: string, max = 500) =>
  text(label, max).refine((v) => v.length > 0, `Enter the ${label}.`);
const optionalUrl = (label: string) =>
  text(label, 2048).refine(
    (v) => v === "" || isHttpUrl(v),
    `Enter the ${label} as an http:// or https:// URL.`,
  );
const secret = (max = 4096) => z.string().max(max, `Use at most ${max} characters.`);

export const integrationName = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(100, "Use at most 100 characters.");

// S3 bucket naming rules (general purpose buckets): 3–63 characters, lower-case letters,
// digits, dots and hyphens, beginning and ending with a letter or digit.
const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION_PATTERN = /^[a-z0-9][a-z0-9-]{0,49}$/;

export const S3_CREDENTIAL_MODES = ["credential", "keys"] as const;
export type S3CredentialMode = (typeof S3_CREDENTIAL_MODES)[number];

function s3Fields<K extends S3Kind>(kind: K, mode: FormMode) {
  return z
    .object({
      kind: z.literal(kind),
      name: integrationName,
      bucket: z
        .string()
        .trim()
        .regex(
          BUCKET_PATTERN,
          "A bucket name has 3–63 lower-case letters, digits, dots or hyphens, and starts and ends with a letter or digit.",
        )
        .refine((v) => !v.includes(".."), "A bucket name cannot contain two dots in a row."),
      region: z
        .string()
        .trim()
        .regex(REGION_PATTERN, "Enter a region such as eu-west-1 (lower-case letters, digits and hyphens)."),
      prefix: text("prefix", 512).refine((v) => !v.startsWith("/"), "A prefix does not start with '/'."),
      credentialMode: z.enum(S3_CREDENTIAL_MODES),
      credentialId: z.string().trim().max(100),
      accessKeyId: text("access key ID", 128).refine(
        (v) => /^[A-Za-z0-9]*$/.test(v),
        "An access key ID contains only letters and digits.",
      ),
      secretAccessKey: secret(256),
      sessionToken: secret(4096),
      endpointUrl: optionalUrl("endpoint URL"),
      forcePathStyle: z.boolean(),
    })
    .superRefine((v, ctx) => {
      if (v.credentialMode === "credential" && !v.credentialId)
        ctx.addIssue({
          code: "custom",
          path: ["credentialId"],
          message: "Choose an AWS Signed Request credential.",
        });
      if (v.credentialMode === "keys" && !v.accessKeyId)
        ctx.addIssue({ code: "custom", path: ["accessKeyId"], message: "Enter the access key ID." });
      if (v.credentialMode === "keys" && mode === "create" && !v.secretAccessKey)
        ctx.addIssue({ code: "custom", path: ["secretAccessKey"], message: "Enter the secret access key." });
    });
}

const SUBDOMAIN_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/i;

function salesforceFields(mode: FormMode) {
  return z
    .object({
      kind: z.literal("salesforce"),
      name: integrationName,
      subdomain: text("subdomain", 63).refine(
        (v) => v === "" || SUBDOMAIN_PATTERN.test(v),
        "A subdomain has only letters, digits and hyphens (as in mc563885gzs27c5t9-63k636ttgm).",
      ),
      authBaseUrl: optionalUrl("auth base URL"),
      clientId: required("client ID", 200),
      clientSecret: secret(1024),
      accountId: text("account ID (MID)", 20).refine(
        (v) => /^\d*$/.test(v),
        "The account ID (MID) is a number.",
      ),
    })
    .superRefine((v, ctx) => {
      if (!v.subdomain && !v.authBaseUrl)
        ctx.addIssue({
          code: "custom",
          path: ["subdomain"],
          message: "Enter the subdomain or the auth base URL.",
        });
      if (v.subdomain && v.authBaseUrl)
        ctx.addIssue({
          code: "custom",
          path: ["authBaseUrl"],
          message: "Enter either the subdomain or the auth base URL, not both.",
        });
      if (mode === "create" && !v.clientSecret)
        ctx.addIssue({ code: "custom", path: ["clientSecret"], message: "Enter the client secret." });
    });
}

export const MUNCHKIN_PATTERN = /^\d{3}-[A-Za-z]{3}-\d{3}$/;

function marketoFields(mode: FormMode) {
  return z
    .object({
      kind: z.literal("marketo"),
      name: integrationName,
      munchkinId: text("Munchkin ID", 11).refine(
        (v) => v === "" || MUNCHKIN_PATTERN.test(v),
        "A Munchkin ID looks like 123-ABC-456.",
      ),
      baseUrl: optionalUrl("base URL"),
      clientId: required("client ID", 200),
      clientSecret: secret(1024),
    })
    .superRefine((v, ctx) => {
      if (!v.munchkinId && !v.baseUrl)
        ctx.addIssue({
          code: "custom",
          path: ["munchkinId"],
          message: "Enter the Munchkin ID or the base URL.",
        });
      if (v.munchkinId && v.baseUrl)
        ctx.addIssue({
          code: "custom",
          path: ["baseUrl"],
          message: "Enter either the Munchkin ID or the base URL, not both.",
        });
      if (mode === "create" && !v.clientSecret)
        ctx.addIssue({ code: "custom", path: ["clientSecret"], message: "Enter the client secret." });
    });
}

export const s3FieldsFor = s3Fields;
export const salesforceFieldsFor = salesforceFields;
export const marketoFieldsFor = marketoFields;
export type S3FormInput = z.input<ReturnType<typeof s3Fields>>;
export type SalesforceFormInput = z.input<ReturnType<typeof salesforceFields>>;
export type MarketoFormInput = z.input<ReturnType<typeof marketoFields>>;

function integrationValues(mode: FormMode) {
  return z.discriminatedUnion("kind", [
    s3Fields("s3_analytics", mode),
    s3Fields("s3_action_flows", mode),
    salesforceFields(mode),
    marketoFields(mode),
  ]);
}

export type S3Values = z.output<ReturnType<typeof s3Fields>>;
export type SalesforceValues = z.output<ReturnType<typeof salesforceFields>>;
export type MarketoValues = z.output<ReturnType<typeof marketoFields>>;
export type IntegrationValues = z.output<ReturnType<typeof integrationValues>>;

const environmentId = z.number().int().positive();
const recordId = z.string().trim().min(1, "Missing id.").max(100);

export const listIntegrationsInput = z.object({ environmentId, kind: z.enum(INTEGRATION_KINDS) });
export const createIntegrationInput = z.object({ environmentId, values: integrationValues("create") });
export const updateIntegrationInput = z.object({
  id: recordId,
  expectedVersion: z.number().int().positive().optional(),
  values: integrationValues("update"),
});
/** `confirmName`: the name typed in the console's confirmation, checked when given. */
export const deleteIntegrationInput = z.object({ id: recordId, confirmName: z.string().optional() });
export const testIntegrationInput = z.object({ id: recordId });
export const setFeatureInput = z.object({ feature: z.enum(PREMIUM_FEATURES), enabled: z.boolean() });

export type ListIntegrationsInput = z.input<typeof listIntegrationsInput>;
export type CreateIntegrationInput = z.input<typeof createIntegrationInput>;
export type UpdateIntegrationInput = z.input<typeof updateIntegrationInput>;
export type SetFeatureInput = z.input<typeof setFeatureInput>;
