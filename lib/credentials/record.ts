import "server-only";
import { z } from "zod";
import { storedDestinations } from "./destinations";
import { decryptSecretMap, parseSecretColumn, type RecordRef, type SecretEnvelopes } from "../crypto";
import { CREDENTIAL_KINDS, isCredentialType, type CredentialType, type StoredConfig } from "./kinds";
import { SERVER_KINDS } from "./kinds/server";
import { settingsEditValues, type EditValues, type ExistingSecrets } from "./kinds/server-kind";
import type { MaterialOf, ResolvableCredential } from "./types";

export type { EditValues } from "./kinds/server-kind";

/** The columns needed to resolve a credential. Never leaves lib/. */
export type SecretRow = {
  id: string;
  name: string;
  type: string;
  version: number;
  config: string;
  secrets: string;
};

/**
 * The columns a use of a stored credential reads: its secrets (decrypted only by the use), its
 * environment and where it may be sent. A list never selects them.
 */
export const SECRET_ROW = {
  id: true,
  name: true,
  type: true,
  version: true,
  config: true,
  secrets: true,
  environmentId: true,
  allowedDestinations: true,
} as const;

export function recordRef(row: { id: string; name: string }): RecordRef {
  return { scope: "credential", recordId: row.id, label: row.name };
}

export function credentialType(row: { type: string; name: string }): CredentialType {
  if (!isCredentialType(row.type)) throw new Error(`Credential ${row.name} has an unknown type.`);
  return row.type;
}

/** The `config` column, checked against the kind's stored schema so a damaged row fails clearly. */
export function parseStoredConfig<T extends CredentialType>(
  type: T,
  json: string,
  label: string,
): StoredConfig<T> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    value = undefined;
  }
  const parsed = CREDENTIAL_KINDS[type].stored.safeParse(value);
  if (!parsed.success)
    throw new Error(`The stored settings of credential ${label} are damaged; edit and save it again.`);
  return parsed.data as StoredConfig<T>;
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

/**
 * The decrypted secrets a kind's material holds: each field of its secrets schema (a required one
 * must be stored, an optional one is left out when empty), or, for kinds keyed by data, all of them.
 */
function secretsOf<T extends CredentialType>(
  type: T,
  secrets: Record<string, string>,
  name: string,
): MaterialOf<T>["secrets"] {
  const schema = CREDENTIAL_KINDS[type].secrets;
  if (!(schema instanceof z.ZodObject)) return secrets as MaterialOf<T>["secrets"];
  const out: Record<string, string> = {};
  for (const [field, fieldSchema] of Object.entries(schema.shape)) {
    const value = secrets[field];
    if (fieldSchema.isOptional()) {
      if (value) out[field] = value;
    } else if (value === undefined) {
      throw new Error(`Credential ${name} has no stored ${field}; edit it and enter it again.`);
    } else out[field] = value;
  }
  return out as MaterialOf<T>["secrets"];
}

/** Decrypts a row into something a resolver can apply. Throws SecretDecryptionError on a wrong key or tampering. */
export function materialFromRow(row: SecretRow): ResolvableCredential {
  const secrets = decryptSecretMap(parseSecretColumn(row.secrets, recordRef(row)), recordRef(row));
  const type = credentialType(row);
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    type,
    config: parseStoredConfig(type, row.config, row.name),
    secrets: secretsOf(type, secrets, row.name),
  } as ResolvableCredential;
}

/** Form values for editing: every secret empty ("unchanged"), plus which secrets are set. */
export function editValuesOf(row: {
  name: string;
  type: string;
  config: string;
  secrets: string;
  id: string;
  allowedDestinations: string | null;
}): EditValues {
  const stored = parseSecretColumn(row.secrets, recordRef(row));
  const isSet = (field: string) => field in stored;
  const type = credentialType(row);
  const config = parseStoredConfig(type, row.config, row.name);
  // `never`: TypeScript cannot pair the settings of a union type with its own kind's entry.
  const own =
    SERVER_KINDS[type].editValues?.(config as never, row.name, isSet) ??
    settingsEditValues(CREDENTIAL_KINDS[type], config, row.name, isSet);
  return { ...own, values: { ...own.values, allowedDestinations: storedDestinations(row) } };
}
