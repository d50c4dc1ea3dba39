import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "./client";
import { isUniqueViolation } from "./errors";

/**
 * A random value generated once and shared by every instance through the Setting table (the
 * console's session-cookie secret, the access-token signing key, …), base64url-encoded.
 */
export async function sharedSecret(key: string, bytes = 32): Promise<string> {
  const existing = await db().setting.findUnique({ where: { key }, select: { value: true } });
  if (existing) return existing.value;
  const value = randomBytes(bytes).toString("base64url");
  try {
    await db().setting.create({ data: { key, value }, select: { key: true } });
    return value;
  } catch (error) {
    // Another instance created it first: use theirs.
    if (!isUniqueViolation(error)) throw error;
    const row = await db().setting.findUniqueOrThrow({ where: { key }, select: { value: true } });
    return row.value;
  }
}
