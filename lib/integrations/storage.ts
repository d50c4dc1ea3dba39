import "server-only";
import { z } from "zod";
import { DomainError } from "../result";
import type { IntegrationKind } from "./kinds";
import { S3_CREDENTIAL_MODES, type IntegrationValues } from "./schemas";

// What is kept in the `config` column per kind (never a secret), parsed back defensively.
const s3Config = z.object({
  bucket: z.string(),
  region: z.string(),
  prefix: z.string(),
  credentialMode: z.enum(S3_CREDENTIAL_MODES),
  credentialId: z.string(),
  accessKeyId: z.string(),
  endpointUrl: z.string(),
  forcePathStyle: z.boolean(),
});
const salesforceConfig = z.object({
  subdomain: z.string(),
  authBaseUrl: z.string(),
  clientId: z.string(),
  accountId: z.string(),
});
const marketoConfig = z.object({ munchkinId: z.string(), baseUrl: z.string(), clientId: z.string() });

export type S3Config = z.infer<typeof s3Config>;
export type SalesforceConfig = z.infer<typeof salesforceConfig>;
export type MarketoConfig = z.infer<typeof marketoConfig>;

export type StoredIntegration =
  | { kind: "s3_analytics" | "s3_action_flows"; config: S3Config }
  | { kind: "salesforce"; config: SalesforceConfig }
  | { kind: "marketo"; config: MarketoConfig };

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

export function parseStoredIntegration(kind: string, json: string, name: string): StoredIntegration {
  const value = parseJson(json);
  const damaged = () => new Error(`The settings of integration ${name} are damaged; edit it and save again.`);
  switch (kind) {
    case "s3_analytics":
    case "s3_action_flows": {
      const parsed = s3Config.safeParse(value);
      if (!parsed.success) throw damaged();
      return { kind, config: parsed.data };
    }
    case "salesforce": {
      const parsed = salesforceConfig.safeParse(value);
      if (!parsed.success) throw damaged();
      return { kind, config: parsed.data };
    }
    case "marketo": {
      const parsed = marketoConfig.safeParse(value);
      if (!parsed.success) throw damaged();
      return { kind, config: parsed.data };
    }
    default:
      throw new Error(`Integration ${name} has an unknown kind.`);
  }
}

/** Secret fields each kind may hold, in the form's words. */
export const SECRET_FIELDS: Record<IntegrationKind, readonly string[]> = {
  s3_analytics: ["secretAccessKey", "sessionToken"],
  s3_action_flows: ["secretAccessKey", "sessionToken"],
  salesforce: ["clientSecret"],
  marketo: ["clientSecret"],
};

/**
 * Settings that decide where an integration's secret is sent. Changing one needs the secrets
 * typed again in the same save, so a saved secret is never pointed somewhere new without them.
 */
export const BOUND_SETTINGS: Record<IntegrationKind, readonly string[]> = {
  s3_analytics: ["endpointUrl"],
  s3_action_flows: ["endpointUrl"],
  salesforce: ["subdomain", "authBaseUrl"],
  marketo: ["munchkinId", "baseUrl"],
};

/** Pure. Refuses a plan that keeps a stored secret while changing where it goes. */
export function assertSecretsRetyped(
  kind: IntegrationKind,
  before: Record<string, unknown>,
  plan: StoragePlan,
): void {
  const after = plan.config as Record<string, unknown>;
  const changed = BOUND_SETTINGS[kind].filter(
    (field) => JSON.stringify(before[field] ?? "") !== JSON.stringify(after[field] ?? ""),
  );
  if (changed.length === 0 || plan.keep.length === 0) return;
  const errors: Record<string, string> = {};
  for (const field of plan.keep)
    errors[field] = "Type this secret again: changing where it is sent needs it in the same save.";
  for (const field of changed) errors[field] = "Changing this needs the secret typed again in the same save.";
  throw new DomainError(
    "Type the secret again to change where this integration sends it: a saved secret is never sent somewhere new without it.",
    "invalid",
    errors,
  );
}

export type StoragePlan = {
  config: StoredIntegration["config"];
  newSecrets: Record<string, string>;
  keep: string[];
};

/**
 * Splits form values into settings and secrets. `stored` names the secrets already saved: an
 * empty secret field keeps them ("unchanged"), a typed one replaces them.
 */
export function planIntegrationStorage(
  values: IntegrationValues,
  stored: ReadonlySet<string> = new Set(),
): StoragePlan {
  const typedOrKept = (field: string, value: string, newSecrets: Record<string, string>, keep: string[]) => {
    if (value) newSecrets[field] = value;
    else if (stored.has(field)) keep.push(field);
  };
  const newSecrets: Record<string, string> = {};
  const keep: string[] = [];
  switch (values.kind) {
    case "s3_analytics":
    case "s3_action_flows": {
      const ownKeys = values.credentialMode === "keys";
      if (ownKeys) {
        typedOrKept("secretAccessKey", values.secretAccessKey, newSecrets, keep);
        typedOrKept("sessionToken", values.sessionToken, newSecrets, keep);
        if (!newSecrets.secretAccessKey && !keep.includes("secretAccessKey")) {
          throw new DomainError("Please correct the highlighted fields.", "invalid", {
            secretAccessKey: "Enter the secret access key.",
          });
        }
      }
      const config: S3Config = {
        bucket: values.bucket,
        region: values.region,
        prefix: values.prefix,
        credentialMode: values.credentialMode,
        credentialId: ownKeys ? "" : values.credentialId,
        accessKeyId: ownKeys ? values.accessKeyId : "",
        endpointUrl: values.endpointUrl,
        forcePathStyle: values.forcePathStyle,
      };
      return { config, newSecrets, keep };
    }
    case "salesforce":
    case "marketo": {
      typedOrKept("clientSecret", values.clientSecret, newSecrets, keep);
      if (!newSecrets.clientSecret && !keep.includes("clientSecret")) {
        throw new DomainError("Please correct the highlighted fields.", "invalid", {
          clientSecret: "Enter the client secret.",
        });
      }
      const config: SalesforceConfig | MarketoConfig =
        values.kind === "salesforce"
          ? {
              subdomain: values.subdomain,
              authBaseUrl: values.authBaseUrl,
              clientId: values.clientId,
              accountId: values.accountId,
            }
          : { munchkinId: values.munchkinId, baseUrl: values.baseUrl, clientId: values.clientId };
      return { config, newSecrets, keep };
    }
  }
}

/** Form values for editing: the settings, with every secret empty ("unchanged"). */
export function editValuesOf(stored: StoredIntegration, name: string): IntegrationValues {
  switch (stored.kind) {
    case "s3_analytics":
    case "s3_action_flows":
      return { kind: stored.kind, name, ...stored.config, secretAccessKey: "", sessionToken: "" };
    case "salesforce":
      return { kind: stored.kind, name, ...stored.config, clientSecret: "" };
    case "marketo":
      return { kind: stored.kind, name, ...stored.config, clientSecret: "" };
  }
}
