import "server-only";
import { randomBytes } from "node:crypto";
import { db, isUniqueViolation } from "../db";
import { decryptSecret, encryptSecret, envelopeKeyId, type SecretContext } from "./envelope";

const context = (key: string): SecretContext => ({ scope: "setting", recordId: key, field: "value" });

/** Decrypts a stored value; one stored in plain text by an earlier version is encrypted in place. */
async function readStored(key: string, stored: string): Promise<string> {
  if (envelopeKeyId(stored) !== null) return decryptSecret(stored, context(key));
  // Compare-and-swap: if another instance upgraded it meanwhile, its envelope holds the same value.
  await db().setting.updateMany({
    where: { key, value: stored },
    data: { value: encryptSecret(stored, context(key)) },
  });
  return stored;
}

/**
 * A random value generated once and shared by every instance through the Setting table (the
 * console's session-cookie secret, the access-token signing key, …), base64url-encoded. Stored
 * under the master key like every other secret, so a copy of the database alone cannot mint
 * access tokens or session cookies.
 */
export async function sharedSecret(key: string, bytes = 32): Promise<string> {
  const existing = await db().setting.findUnique({ where: { key }, select: { value: true } });
  if (existing) return readStored(key, existing.value);
  const value = randomBytes(bytes).toString("base64url");
  try {
    await db().setting.create({
      data: { key, value: encryptSecret(value, context(key)) },
      select: { key: true },
    });
    return value;
  } catch (error) {
    // Another instance created it first: use theirs.
    if (!isUniqueViolation(error)) throw error;
    const row = await db().setting.findUniqueOrThrow({ where: { key }, select: { value: true } });
    return readStored(key, row.value);
  }
}

/** For master-key rotation: the settings stored as envelopes, re-encrypted by the caller. */
export const settingContext = context;
