import "server-only";
import { randomBytes } from "node:crypto";
import { db, processSingleton } from "../db";

// The HMAC key that signs access and refresh tokens. Generated once and kept in the Setting
// table so every instance behind a load balancer accepts every other instance's tokens.
const SETTING_KEY = "api.token_signing_key";

type SigningKeyState = { promise: Promise<Buffer> | null };

function state(): SigningKeyState {
  return processSingleton<SigningKeyState>("api-keys.signing-key", () => ({ promise: null }));
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

async function loadOrCreate(): Promise<Buffer> {
  const existing = await db().setting.findUnique({ where: { key: SETTING_KEY }, select: { value: true } });
  if (existing) return Buffer.from(existing.value, "base64");
  try {
    const value = randomBytes(32).toString("base64");
    await db().setting.create({ data: { key: SETTING_KEY, value }, select: { key: true } });
    return Buffer.from(value, "base64");
  } catch (error) {
    // Another instance created it first: use theirs.
    if (!isUniqueViolation(error)) throw error;
    const winner = await db().setting.findUniqueOrThrow({ where: { key: SETTING_KEY }, select: { value: true } });
    return Buffer.from(winner.value, "base64");
  }
}

export function tokenSigningKey(): Promise<Buffer> {
  const s = state();
  if (!s.promise) {
    s.promise = loadOrCreate().catch((error: unknown) => {
      s.promise = null; // retry on the next request rather than caching the failure
      throw error;
    });
  }
  return s.promise;
}
