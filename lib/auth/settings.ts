import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "../db";

/**
 * A random value generated once and shared by every instance through the database
 * (the console's session-cookie secret, the access-token signing key, …).
 */
export async function sharedSecret(key: string, bytes = 32): Promise<string> {
  const existing = await db().setting.findUnique({ where: { key }, select: { value: true } });
  if (existing) return existing.value;
  const value = randomBytes(bytes).toString("base64url");
  try {
    await db().setting.create({ data: { key, value } });
    return value;
  } catch {
    // Another instance created it first: use theirs.
    const row = await db().setting.findUniqueOrThrow({ where: { key }, select: { value: true } });
    return row.value;
  }
}
