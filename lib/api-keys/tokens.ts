import { createHmac, timingSafeEqual } from "node:crypto";
import { randomText } from "../crypto/random-pool";

// Access and refresh tokens are self-contained, HMAC-SHA256-signed values: verifying one needs
// no database read and issuing one no write, which is what lets the token endpoint and /v1/*
// run at thousands of requests per second. They carry only the key id, the secret generation
// and the expiry — never permissions — so an edit or revocation applies to the next request.

export const ACCESS_TOKEN_PREFIX = "wbat_";
export const REFRESH_TOKEN_PREFIX = "wbrt_";
export const ACCESS_TOKEN_TTL_SECONDS = 60 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;

export type TokenType = "access" | "refresh";

export type TokenClaims = {
  type: TokenType;
  keyId: string;
  generation: number;
  /** Expiry, seconds since the epoch. */
  expiresAt: number;
  /** Permissions the client asked for with `scope`; empty = everything the key holds. */
  scope: string[];
};

export type TokenVerification =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: "malformed" }
  | { ok: false; reason: "expired"; claims: TokenClaims };

const TYPE_CODE: Record<TokenType, string> = { access: "a", refresh: "r" };
const MAX_TOKEN_LENGTH = 2048;

function prefixOf(type: TokenType): string {
  return type === "access" ? ACCESS_TOKEN_PREFIX : REFRESH_TOKEN_PREFIX;
}

// Token nonces come from the pooled random buffer (lib/crypto/random-pool.ts).
function nonce(): string {
  return randomText(9, "base64url");
}

function mac(signingKey: Buffer, data: string): Buffer {
  return createHmac("sha256", signingKey).update(data).digest();
}

export function signToken(signingKey: Buffer, claims: TokenClaims): string {
  const payload = `${TYPE_CODE[claims.type]}|${claims.keyId}|${claims.generation}|${claims.expiresAt}|${nonce()}|${claims.scope.join(" ")}`;
  const head = prefixOf(claims.type) + Buffer.from(payload, "utf8").toString("base64url");
  return `${head}.${createHmac("sha256", signingKey).update(head).digest("base64url")}`;
}

function parsePayload(type: TokenType, encoded: string): TokenClaims | null {
  const parts = Buffer.from(encoded, "base64url").toString("utf8").split("|");
  if (parts.length !== 6 || parts[0] !== TYPE_CODE[type]) return null;
  const generation = Number(parts[2]);
  const expiresAt = Number(parts[3]);
  if (!parts[1] || !Number.isSafeInteger(generation) || !Number.isSafeInteger(expiresAt)) return null;
  return { type, keyId: parts[1], generation, expiresAt, scope: parts[5] ? parts[5].split(" ") : [] };
}

// Clients send the same access token for up to an hour: a token whose signature checked out is
// remembered (per signing key, at most VERIFIED_LIMIT, oldest forgotten first), so the next
// request costs a map lookup instead of an HMAC, a base64 round trip and a parse — half of what
// authentication cost a /v1 read in the benchmark's profile. Only verified tokens are kept, the
// expiry is checked on every use, and the key behind a token (revoked, rotated, expired) is
// checked by the caller each time, so nothing about a token's validity is cached but its
// signature.
const VERIFIED_LIMIT = 10_000;
const verified = new WeakMap<Buffer, Map<string, TokenClaims>>();

function rememberVerified(signingKey: Buffer, token: string, claims: TokenClaims): void {
  let tokens = verified.get(signingKey);
  if (!tokens) verified.set(signingKey, (tokens = new Map()));
  if (tokens.size >= VERIFIED_LIMIT) tokens.delete(tokens.keys().next().value!);
  tokens.set(token, claims);
}

/** Checks the signature first, then the expiry; `now` is in milliseconds. */
export function verifyToken(
  signingKey: Buffer,
  token: string,
  type: TokenType,
  now = Date.now(),
): TokenVerification {
  const known = verified.get(signingKey)?.get(token);
  if (known && known.type === type) {
    if (known.expiresAt * 1000 <= now) return { ok: false, reason: "expired", claims: known };
    return { ok: true, claims: known };
  }
  const prefix = prefixOf(type);
  if (token.length > MAX_TOKEN_LENGTH || !token.startsWith(prefix)) return { ok: false, reason: "malformed" };
  const dot = token.lastIndexOf(".");
  if (dot <= prefix.length) return { ok: false, reason: "malformed" };
  const head = token.slice(0, dot);
  // The signature is compared as text: a base64url decoder ignores stray characters and the
  // unused low bits of the last one, so comparing decoded bytes would accept altered spellings
  // of a valid token.
  const presented = Buffer.from(token.slice(dot + 1), "latin1");
  const expected = Buffer.from(mac(signingKey, head).toString("base64url"), "latin1");
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
    return { ok: false, reason: "malformed" };
  }
  const claims = parsePayload(type, head.slice(prefix.length));
  if (!claims) return { ok: false, reason: "malformed" };
  if (claims.expiresAt * 1000 <= now) return { ok: false, reason: "expired", claims };
  rememberVerified(signingKey, token, claims);
  return { ok: true, claims };
}
