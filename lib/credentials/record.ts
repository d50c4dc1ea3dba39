import "server-only";
import type { JWK } from "jose";
import { decryptSecretMap, parseSecretColumn, type RecordRef, type SecretEnvelopes } from "../crypto";
import type { CredentialType } from "./field-rules";
import type { CredentialUpdateValues } from "./schemas";
import type { ExistingSecrets } from "./storage-mapping";
import { isCredentialType, parseStoredConfig } from "./stored-config";
import { secretHeaderKey, type ResolvableCredential } from "./types";

/** The columns needed to resolve a credential. Never leaves lib/. */
export type SecretRow = {
  id: string;
  name: string;
  type: string;
  version: number;
  config: string;
  secrets: string;
};

export function recordRef(row: { id: string; name: string }): RecordRef {
  return { scope: "credential", recordId: row.id, label: row.name };
}

export function credentialType(row: { type: string; name: string }): CredentialType {
  if (!isCredentialType(row.type)) throw new Error(`Credential ${row.name} has an unknown type.`);
  return row.type;
}

/** Lazy access to stored secrets: decrypts only what is asked for (edit keeps most untouched). */
export function existingSecrets(row: SecretRow): ExistingSecrets & { envelopes: SecretEnvelopes } {
  const envelopes = parseSecretColumn(row.secrets, recordRef(row));
  return {
    envelopes,
    has: (field) => field in envelopes,
    reveal: (field) => decryptSecretMap({ [field]: envelopes[field] }, recordRef(row))[field],
  };
}

function required(secrets: Record<string, string>, field: string, name: string): string {
  const value = secrets[field];
  if (value === undefined)
    throw new Error(`Credential ${name} has no stored ${field}; edit it and enter it again.`);
  return value;
}

/** Decrypts a row into something a resolver can apply. Throws SecretDecryptionError on a wrong key or tampering. */
export function materialFromRow(row: SecretRow): ResolvableCredential {
  const secrets = decryptSecretMap(parseSecretColumn(row.secrets, recordRef(row)), recordRef(row));
  const base = { id: row.id, version: row.version, name: row.name };
  const type = credentialType(row);
  switch (type) {
    case "oauth_client_credentials":
      return {
        ...base,
        type,
        config: parseStoredConfig(type, row.config, row.name),
        secrets: { clientSecret: required(secrets, "clientSecret", row.name) },
      };
    case "aws_signed_request": {
      const config = parseStoredConfig(type, row.config, row.name);
      const secretAccessKey = required(secrets, "secretAccessKey", row.name);
      return {
        ...base,
        type,
        config,
        secrets: secrets.sessionToken
          ? { secretAccessKey, sessionToken: secrets.sessionToken }
          : { secretAccessKey },
      };
    }
    case "basic":
      return {
        ...base,
        type,
        config: parseStoredConfig(type, row.config, row.name),
        secrets: { password: required(secrets, "password", row.name) },
      };
    case "key_pair":
      return {
        ...base,
        type,
        config: parseStoredConfig(type, row.config, row.name),
        secrets: { privateKeyPem: required(secrets, "privateKeyPem", row.name) },
      };
    case "custom_headers":
      return { ...base, type, config: parseStoredConfig(type, row.config, row.name), secrets };
  }
}

/** Form values for editing: every secret empty ("unchanged"), plus which secrets are set. */
export type EditValues = {
  values: CredentialUpdateValues;
  /** Form field path → a value is stored (e.g. `clientSecret`, `headers.2.value`). */
  secretsSet: Record<string, boolean>;
  /** Key-pair only: what the verifying system needs. */
  publicKey: { pem: string; jwk: JWK } | null;
};

export function editValuesOf(row: {
  name: string;
  type: string;
  config: string;
  secrets: string;
  id: string;
}): EditValues {
  const stored = parseSecretColumn(row.secrets, recordRef(row));
  const set = (field: string) => field in stored;
  const type = credentialType(row);
  const name = row.name;
  switch (type) {
    case "oauth_client_credentials":
      return {
        values: { type, name, ...parseStoredConfig(type, row.config, name), clientSecret: "" },
        secretsSet: { clientSecret: set("clientSecret") },
        publicKey: null,
      };
    case "aws_signed_request":
      return {
        values: {
          type,
          name,
          ...parseStoredConfig(type, row.config, name),
          secretAccessKey: "",
          sessionToken: "",
          clearSessionToken: false,
        },
        secretsSet: { secretAccessKey: set("secretAccessKey"), sessionToken: set("sessionToken") },
        publicKey: null,
      };
    case "basic":
      return {
        values: { type, name, ...parseStoredConfig(type, row.config, name), password: "" },
        secretsSet: { password: set("password") },
        publicKey: null,
      };
    case "key_pair": {
      const { publicKeyPem, publicJwk, customClaims, ...config } = parseStoredConfig(type, row.config, name);
      const values = {
        type,
        name,
        ...config,
        customClaims: Object.keys(customClaims).length ? JSON.stringify(customClaims, null, 2) : "",
        privateKeyPem: "",
        generateKey: false,
      };
      return {
        values,
        secretsSet: { privateKeyPem: set("privateKeyPem") },
        publicKey: { pem: publicKeyPem, jwk: publicJwk },
      };
    }
    case "custom_headers": {
      const { headers } = parseStoredConfig(type, row.config, name);
      const secretsSet = Object.fromEntries(
        headers.flatMap((h, i) => (h.secret ? [[`headers.${i}.value`, set(secretHeaderKey(h.name))]] : [])),
      );
      return { values: { type, name, headers }, secretsSet, publicKey: null };
    }
  }
}
