import "server-only";
import { DomainError } from "../result";
import { generateKeyPair, inspectPrivateKey } from "./key-pair";
import { parseCustomClaims, type CredentialType } from "./field-rules";
import type { CredentialUpdateValues } from "./schemas";
import type { StoredConfig } from "./stored-config";
import { secretHeaderKey } from "./types";

/** What the form's values become in storage: settings, new plaintext secrets, and which stored secrets stay. */
export type StoragePlan<T extends CredentialType = CredentialType> = {
  type: T;
  config: StoredConfig[T];
  /** Secrets typed (or generated) now; encrypted by the caller. */
  newSecrets: Record<string, string>;
  /** Stored secrets kept unchanged (their ciphertext is reused as is). */
  keep: string[];
};

/** The stored secrets of the record being edited (none on create). */
export type ExistingSecrets = { has(field: string): boolean; reveal(field: string): string };
export const NO_SECRETS: ExistingSecrets = { has: () => false, reveal: () => "" };

type FieldErrors = Record<string, string>;

function invalid(fieldErrors: FieldErrors): never {
  throw new DomainError("Please correct the highlighted fields.", "invalid", fieldErrors);
}

/** A typed secret replaces the stored one; an empty one keeps it, if there is one. */
function secretPlan(
  field: string,
  typed: string | undefined,
  existing: ExistingSecrets,
  label: string,
  errors: FieldErrors,
) {
  if (typed) return { newSecrets: { [field]: typed }, keep: [] as string[] };
  if (existing.has(field)) return { newSecrets: {}, keep: [field] };
  errors[field] = `Enter the ${label}.`;
  return { newSecrets: {}, keep: [] as string[] };
}

async function keyPairPlan(
  values: Extract<CredentialUpdateValues, { type: "key_pair" }>,
  existing: ExistingSecrets,
): Promise<StoragePlan<"key_pair">> {
  const errors: FieldErrors = {};
  const claims = parseCustomClaims(values.customClaims);
  if ("error" in claims) errors.customClaims = claims.error;
  let pem = values.privateKeyPem?.trim() ?? "";
  let typedOrGenerated = pem !== "";
  if (values.generateKey) {
    pem = generateKeyPair(values.algorithm).privateKeyPem;
    typedOrGenerated = true;
  } else if (!pem && existing.has("privateKeyPem")) {
    pem = existing.reveal("privateKeyPem"); // re-checked in case the algorithm changed
  }
  if (!pem) invalid({ ...errors, privateKeyPem: "Paste the private key, or generate a new key pair." });
  const inspected = await inspectPrivateKey(pem, values.algorithm);
  if (!inspected.ok) errors[typedOrGenerated ? "privateKeyPem" : "algorithm"] = inspected.message;
  if (Object.keys(errors).length || !inspected.ok || "error" in claims) invalid(errors);
  const { publicKeyPem, publicJwk, thumbprint } = inspected.info;
  return {
    type: "key_pair",
    config: {
      algorithm: values.algorithm,
      issuer: values.issuer,
      subject: values.subject,
      audience: values.audience,
      customClaims: claims.claims,
      lifetimeSeconds: values.lifetimeSeconds,
      keyId: values.keyId || thumbprint,
      publicKeyPem,
      publicJwk,
    },
    newSecrets: typedOrGenerated ? { privateKeyPem: pem } : {},
    keep: typedOrGenerated ? [] : ["privateKeyPem"],
  };
}

function customHeadersPlan(
  values: Extract<CredentialUpdateValues, { type: "custom_headers" }>,
  existing: ExistingSecrets,
): StoragePlan<"custom_headers"> {
  const errors: FieldErrors = {};
  const newSecrets: Record<string, string> = {};
  const keep: string[] = [];
  const headers = values.headers.map((header, index) => {
    if (!header.secret) return { name: header.name, value: header.value, secret: false };
    const key = secretHeaderKey(header.name);
    if (header.value) newSecrets[key] = header.value;
    else if (existing.has(key)) keep.push(key);
    else errors[`headers.${index}.value`] = "Enter a value.";
    return { name: header.name, value: "", secret: true };
  });
  if (Object.keys(errors).length) invalid(errors);
  return { type: "custom_headers", config: { headers }, newSecrets, keep };
}

function finish<T extends CredentialType>(plan: StoragePlan<T>, errors: FieldErrors): StoragePlan<T> {
  if (Object.keys(errors).length) invalid(errors);
  return plan;
}

/** Turns validated form values into a storage plan; `existing` is empty on create. */
export async function planStorage(
  values: CredentialUpdateValues,
  existing: ExistingSecrets = NO_SECRETS,
): Promise<StoragePlan> {
  const errors: FieldErrors = {};
  switch (values.type) {
    case "oauth_client_credentials": {
      const secret = secretPlan("clientSecret", values.clientSecret, existing, "client secret", errors);
      const config = {
        identityUrl: values.identityUrl,
        clientId: values.clientId,
        scope: values.scope,
        scheme: values.scheme,
      };
      return finish({ type: values.type, config, ...secret }, errors);
    }
    case "aws_signed_request": {
      const secret = secretPlan(
        "secretAccessKey",
        values.secretAccessKey,
        existing,
        "secret access key",
        errors,
      );
      if (values.sessionToken) secret.newSecrets.sessionToken = values.sessionToken;
      else if (!values.clearSessionToken && existing.has("sessionToken")) secret.keep.push("sessionToken");
      const config = {
        accessKeyId: values.accessKeyId,
        service: values.service,
        region: values.region,
        signQuery: values.signQuery,
      };
      return finish({ type: values.type, config, ...secret }, errors);
    }
    case "basic": {
      const secret = secretPlan("password", values.password, existing, "password", errors);
      return finish({ type: values.type, config: { username: values.username }, ...secret }, errors);
    }
    case "key_pair":
      return keyPairPlan(values, existing);
    case "custom_headers":
      return customHeadersPlan(values, existing);
  }
}
