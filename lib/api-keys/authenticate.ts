import "server-only";
import { legacyRolesFor, permissionsOfRole, roleGrants, type ApiOperation } from "../permissions/registry";
import { ipAllowed } from "./allowlist";
import {
  cachedKeyStateByClientId,
  cachedKeyStateById,
  keyStateByClientId,
  keyStateById,
  type KeyState,
} from "./key-state";
import { looksLikeClientId, looksLikeSecret, secretMatches } from "./secrets";
import { recordObservedAddress, recordPreviousSecretUse } from "./traffic";
import { loadedTokenSigningKey, tokenSigningKey } from "./signing-key";
import {
  ACCESS_TOKEN_TTL_SECONDS,
  REFRESH_TOKEN_TTL_SECONDS,
  signToken,
  verifyToken,
  type TokenClaims,
} from "./tokens";

// The hot path of the token endpoint and /v1/*: everything here answers from the in-memory
// key cache and the HMAC signing key — no database read once warm, no write ever.

export type KeyRefusal = "revoked" | "expired";

/** Why a key cannot be used right now, or null. */
export function keyRefusal(key: KeyState, now = Date.now()): KeyRefusal | null {
  if (key.revokedAt !== null) return "revoked";
  if (key.expiresAt !== null && key.expiresAt <= now) return "expired";
  return null;
}

/** Tokens carry the secret generation they were issued under; older ones die with rotation. */
export function generationValid(key: KeyState, generation: number, now = Date.now()): boolean {
  if (generation === key.secretGeneration) return true;
  return (
    generation === key.secretGeneration - 1 &&
    key.previousSecretDigest !== null &&
    key.previousSecretExpiresAt !== null &&
    key.previousSecretExpiresAt > now
  );
}

export type ClientAuthentication =
  | { ok: true; key: KeyState; generation: number }
  | { ok: false; reason: "invalid_credentials" }
  | { ok: false; reason: KeyRefusal; key: KeyState };

const INVALID_CREDENTIALS: ClientAuthentication = { ok: false, reason: "invalid_credentials" };

/**
 * client_secret_basic / client_secret_post: checks the ID and secret against the cached key.
 * Answers synchronously when the key is cached — the token endpoint's usual case — and with a
 * promise when it must be loaded first.
 */
export function authenticateClient(
  clientId: string,
  secret: string,
  now = Date.now(),
): ClientAuthentication | Promise<ClientAuthentication> {
  // The checksum refuses typos and random guesses without touching the database.
  if (!looksLikeClientId(clientId) || !looksLikeSecret(secret)) return INVALID_CREDENTIALS;
  const cached = cachedKeyStateByClientId(clientId);
  if (cached !== undefined) return checkSecret(cached, secret, now);
  return keyStateByClientId(clientId).then((key) => checkSecret(key, secret, now));
}

function checkSecret(key: KeyState | null, secret: string, now: number): ClientAuthentication {
  if (!key) return INVALID_CREDENTIALS;
  let generation: number;
  if (secretMatches(secret, key.secretDigest)) generation = key.secretGeneration;
  else if (
    generationValid(key, key.secretGeneration - 1, now) &&
    secretMatches(secret, key.previousSecretDigest)
  ) {
    generation = key.secretGeneration - 1;
  } else return INVALID_CREDENTIALS;
  const refusal = keyRefusal(key, now);
  if (refusal) return { ok: false, reason: refusal, key };
  return { ok: true, key, generation };
}

/** The scopes a key may ask for: its permissions, or a legacy key's role and what it grants. */
export function grantableScopes(key: KeyState): string[] {
  if (key.kind === "legacy") return key.role ? [key.role, ...permissionsOfRole(key.role)] : [];
  return key.permissions;
}

export type TokenResponse = {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  refresh_token: string;
  scope: string;
};

/** Signs an access and a refresh token; synchronous once the signing key is loaded. */
export function issueTokens(
  key: KeyState,
  generation: number,
  scope: string[],
  now = Date.now(),
): TokenResponse | Promise<TokenResponse> {
  const signingKey = loadedTokenSigningKey();
  if (!signingKey) return tokenSigningKey().then((loaded) => signTokens(loaded, key, generation, scope, now));
  return signTokens(signingKey, key, generation, scope, now);
}

function signTokens(
  signingKey: Buffer,
  key: KeyState,
  generation: number,
  scope: string[],
  now: number,
): TokenResponse {
  const seconds = Math.floor(now / 1000);
  const keyId = key.id;
  const granted = scope.length ? scope : key.kind === "legacy" && key.role ? [key.role] : key.permissions;
  return {
    access_token: signToken(signingKey, {
      type: "access",
      keyId,
      generation,
      scope,
      expiresAt: seconds + ACCESS_TOKEN_TTL_SECONDS,
    }),
    token_type: "Bearer",
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    refresh_token: signToken(signingKey, {
      type: "refresh",
      keyId,
      generation,
      scope,
      expiresAt: seconds + REFRESH_TOKEN_TTL_SECONDS,
    }),
    scope: granted.join(" "),
  };
}

/**
 * The token response as JSON text, written out rather than serialised: every value but the
 * scope is a number or base64url text, and the scope is escaped by JSON.stringify.
 */
export function tokenResponseJson(tokens: TokenResponse): string {
  return `{"access_token":"${tokens.access_token}","token_type":"Bearer","expires_in":${tokens.expires_in},"refresh_token":"${tokens.refresh_token}","scope":${JSON.stringify(tokens.scope)}}`;
}

export type TokenCheck =
  | { ok: true; key: KeyState; claims: TokenClaims }
  | {
      ok: false;
      detail: string;
      key?: KeyState;
      /** An expired token's key id, from its signed claims (no database read on this path). */
      expiredTokenKeyId?: string;
    };

const EXPIRED_HINT = "request a new token";

/** Verifies an access or refresh token and the key behind it (revoked, deleted, rotated, expired). */
export async function checkToken(
  token: string,
  type: "access" | "refresh",
  now = Date.now(),
): Promise<TokenCheck> {
  return checkTokenNow(token, type, now);
}

/**
 * `checkToken` without a promise when nothing needs loading (the signing key and the key's state
 * are in memory, as on every request but the first of a key): /v1's hot path.
 */
export function checkTokenNow(
  token: string,
  type: "access" | "refresh",
  now = Date.now(),
): TokenCheck | Promise<TokenCheck> {
  const signingKey = loadedTokenSigningKey();
  if (!signingKey) return tokenSigningKey().then((loaded) => checkTokenWith(loaded, token, type, now));
  return checkTokenWith(signingKey, token, type, now);
}

function checkTokenWith(
  signingKey: Buffer,
  token: string,
  type: "access" | "refresh",
  now: number,
): TokenCheck | Promise<TokenCheck> {
  const noun = type === "access" ? "access token" : "refresh token";
  const verified = verifyToken(signingKey, token, type, now);
  if (!verified.ok) {
    if (verified.reason === "expired") {
      const at = new Date(verified.claims.expiresAt * 1000).toISOString();
      return {
        ok: false,
        detail: `The ${noun} expired at ${at}; ${EXPIRED_HINT}.`,
        expiredTokenKeyId: verified.claims.keyId,
      };
    }
    return { ok: false, detail: `The ${noun} is malformed or was not issued by this server.` };
  }
  const { claims } = verified;
  const cached = cachedKeyStateById(claims.keyId);
  if (cached === undefined)
    return keyStateById(claims.keyId).then((key) => judgeTokenKey(key, claims, noun, now));
  return judgeTokenKey(cached, claims, noun, now);
}

function judgeTokenKey(key: KeyState | null, claims: TokenClaims, noun: string, now: number): TokenCheck {
  if (!key) return { ok: false, detail: `The API key of this ${noun} no longer exists.` };
  const refusal = keyRefusal(key, now);
  if (refusal === "revoked")
    return { ok: false, detail: `The API key of this ${noun} has been revoked.`, key };
  if (refusal === "expired") {
    return {
      ok: false,
      detail: `The API key of this ${noun} expired on ${new Date(key.expiresAt ?? now).toISOString()}.`,
      key,
    };
  }
  if (!generationValid(key, claims.generation, now)) {
    return {
      ok: false,
      detail: `The ${noun} was issued before the key's secret was rotated; ${EXPIRED_HINT}.`,
      key,
    };
  }
  return { ok: true, key, claims };
}

/** Why a key may not call an operation: the 403 problem code and its explanation. */
export type OperationRefusal = { code: "missing_permission" | "wrong_role"; detail: string };

/** The 403 refusal for a key calling an operation, or null when allowed. */
export function operationRefusal(
  key: KeyState,
  scope: readonly string[],
  operation: ApiOperation,
): OperationRefusal | null {
  const { access } = operation;
  if (key.kind === "legacy") {
    const role = key.role;
    const allowed =
      role !== null &&
      ("permission" in access ? roleGrants(role, access.permission) : access.legacyRole === role);
    if (!allowed) {
      const needed = legacyRolesFor(operation).join(" or ");
      return {
        code: "wrong_role",
        detail: needed
          ? `legacy role ${role ?? "(none)"} cannot call this operation; it requires role ${needed}`
          : `legacy keys cannot call this operation; create a fine-grained key with ${"permission" in access ? access.permission : "the permission"}`,
      };
    }
    return null;
  }
  if (!("permission" in access)) {
    return {
      code: "wrong_role",
      detail: `this operation requires a legacy key with role ${access.legacyRole}; fine-grained keys cannot call it`,
    };
  }
  const inScope = scope.length === 0 || scope.includes(access.permission);
  if (!key.permissions.includes(access.permission) || !inScope)
    return { code: "missing_permission", detail: `missing permission: ${access.permission}` };
  return null;
}

/**
 * The 403 explanation when the caller's address is outside the key's allowlist, or null. A
 * report-only allowlist lets every address through and records those outside it (with an empty
 * list, every address) for the key page.
 */
export function allowlistRefusal(key: KeyState, ip: string | null): string | null {
  if (key.allowlistReportOnly) {
    if (key.allowlist.length === 0 || !ipAllowed(key.allowlist, ip)) recordObservedAddress(key.id, ip);
    return null;
  }
  return ipAllowed(key.allowlist, ip) ? null : `caller IP ${ip ?? "(unknown)"} not in allowlist`;
}

/**
 * A served request with the previous secret (or a token issued under it): during a grace that
 * follows traffic its time and address are recorded, which keeps the grace alive.
 */
export function notePreviousSecretUse(key: KeyState, generation: number, ip: string | null): void {
  if (key.graceFollowsTraffic && generation !== key.secretGeneration) recordPreviousSecretUse(key.id, ip);
}
