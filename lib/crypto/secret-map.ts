import "server-only";
import {
  decryptSecret,
  encryptSecret,
  envelopeKeyId,
  SecretDecryptionError,
  type SecretContext,
} from "./envelope";
import { keyring, type Keyring } from "./master-key";

/** How a record's `secrets` column is stored: a JSON object of field name → envelope. */
export type SecretEnvelopes = Record<string, string>;
export type RecordRef = Omit<SecretContext, "field">;

export function parseSecretColumn(json: string, record: RecordRef): SecretEnvelopes {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    value = null;
  }
  if (
    !value ||
    typeof value !== "object" ||
    Array.isArray(value) ||
    !Object.values(value).every((v) => typeof v === "string")
  ) {
    throw new SecretDecryptionError(
      `cannot decrypt ${record.scope} ${record.label ?? record.recordId}: the secrets column is damaged`,
      "malformed",
    );
  }
  return value as SecretEnvelopes;
}

export function encryptSecretMap(
  values: Record<string, string>,
  record: RecordRef,
  ring: Keyring = keyring(),
): SecretEnvelopes {
  const out: SecretEnvelopes = {};
  for (const [field, value] of Object.entries(values))
    out[field] = encryptSecret(value, { ...record, field }, ring);
  return out;
}

export function decryptSecretMap(
  envelopes: SecretEnvelopes,
  record: RecordRef,
  ring: Keyring = keyring(),
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, envelope] of Object.entries(envelopes))
    out[field] = decryptSecret(envelope, { ...record, field }, ring);
  return out;
}

/** Re-encrypts under another record id (duplicate) or the active key (rotation). */
export function reencryptSecretMap(
  envelopes: SecretEnvelopes,
  from: RecordRef,
  to: RecordRef,
  ring: Keyring = keyring(),
): SecretEnvelopes {
  return encryptSecretMap(decryptSecretMap(envelopes, from, ring), to, ring);
}

/** True when every envelope is already under the active key. */
export function isUnderActiveKey(envelopes: SecretEnvelopes, ring: Keyring = keyring()): boolean {
  return Object.values(envelopes).every((envelope) => envelopeKeyId(envelope) === ring.active.kid);
}
