import { randomBytes } from "node:crypto";

// Random bytes for ids and nonces on hot paths (a token, a write's row ids) come from one pooled
// buffer of the system's CSPRNG: one getrandom() call per 4 KiB instead of one per id (each call
// showed up in the token endpoint's and the writes' profiles). Each byte is handed out once.

const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

/** The start of `length` unused random bytes in the returned buffer (valid until the next call). */
function take(length: number): { buffer: Buffer; start: number } {
  if (offset + length > pool.length) {
    pool = randomBytes(Math.max(POOL_BYTES, length));
    offset = 0;
  }
  const start = offset;
  offset += length;
  return { buffer: pool, start };
}

/** `length` random bytes as text in `encoding` (hex, base64url). */
export function randomText(length: number, encoding: "hex" | "base64url"): string {
  const { buffer, start } = take(length);
  return buffer.toString(encoding, start, start + length);
}

/** A random unsigned 32-bit integer. */
export function randomUint32(): number {
  const { buffer, start } = take(4);
  return buffer.readUInt32BE(start);
}
