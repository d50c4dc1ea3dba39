import { createHash, hash, randomBytes, timingSafeEqual } from "node:crypto";
import { crc32 } from "node:zlib";

// Client IDs and secrets are shaped like GitHub's tokens: a prefix that secret scanners and
// people recognise, base62 randomness, and a CRC32 checksum so a typo or a truncated paste is
// refused without a database lookup.
export const CLIENT_ID_PREFIX = "wbci_";
export const CLIENT_SECRET_PREFIX = "wbsk_";
// Sizes are chosen so that "clientId:clientSecret" is 57 bytes: the documented bash example encodes it
// with `base64`, which wraps its output after 76 characters, and a wrapped value puts a bare
// newline into the Authorization header that no HTTP parser accepts. 57 bytes → 76 characters.
const CLIENT_ID_RANDOM_LENGTH = 12; // ≈ 71 bits: unique and unguessable, though not a secret
const CLIENT_SECRET_RANDOM_LENGTH = 22; // ≈ 131 bits
const CHECKSUM_LENGTH = 6; // 62^6 > 2^32

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // Rejection sampling keeps every symbol equally likely (248 = 4 × 62).
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export function base62(value: number, width: number): string {
  let n = value;
  let out = "";
  while (n > 0) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out.padStart(width, "0");
}

function checksum(body: string): string {
  return base62(crc32(body), CHECKSUM_LENGTH);
}

function generate(prefix: string, randomLength: number): string {
  const body = prefix + randomBase62(randomLength);
  return body + checksum(body);
}

const SHAPE = {
  [CLIENT_ID_PREFIX]: new RegExp(
    `^${CLIENT_ID_PREFIX}[0-9A-Za-z]{${CLIENT_ID_RANDOM_LENGTH + CHECKSUM_LENGTH}}$`,
  ),
  [CLIENT_SECRET_PREFIX]: new RegExp(
    `^${CLIENT_SECRET_PREFIX}[0-9A-Za-z]{${CLIENT_SECRET_RANDOM_LENGTH + CHECKSUM_LENGTH}}$`,
  ),
};

function looksLike(
  value: unknown,
  prefix: typeof CLIENT_ID_PREFIX | typeof CLIENT_SECRET_PREFIX,
): value is string {
  if (typeof value !== "string" || !SHAPE[prefix].test(value)) return false;
  const body = value.slice(0, -CHECKSUM_LENGTH);
  return checksum(body) === value.slice(-CHECKSUM_LENGTH);
}

export function generateClientId(): string {
  return generate(CLIENT_ID_PREFIX, CLIENT_ID_RANDOM_LENGTH);
}

export function generateClientSecret(): string {
  return generate(CLIENT_SECRET_PREFIX, CLIENT_SECRET_RANDOM_LENGTH);
}

/** True when the value has the shape and a valid checksum of a client secret. */
export function looksLikeSecret(value: unknown): value is string {
  return looksLike(value, CLIENT_SECRET_PREFIX);
}

export function looksLikeClientId(value: unknown): value is string {
  return looksLike(value, CLIENT_ID_PREFIX);
}

/**
 * SHA-256 is enough: the secret is ~131 bits of randomness, so a slow KDF adds no protection
 * and would cap the token endpoint's throughput.
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** A stored hash as bytes, decoded once when a key is cached rather than on every request. */
export function secretDigest(storedHash: string | null | undefined): Buffer | null {
  return storedHash && /^[0-9a-f]{64}$/i.test(storedHash) ? Buffer.from(storedHash, "hex") : null;
}

/** Constant-time comparison of a presented secret against a stored digest (see secretDigest). */
export function secretMatches(secret: string, storedDigest: Buffer | null): boolean {
  if (!storedDigest) return false;
  return timingSafeEqual(hash("sha256", secret, "buffer"), storedDigest);
}

/** What the list shows of a secret: its last four characters. */
export function secretHint(secret: string): string {
  return secret.slice(-4);
}
