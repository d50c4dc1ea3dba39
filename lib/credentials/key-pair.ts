import "server-only";
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  type KeyObject,
} from "node:crypto";
import { calculateJwkThumbprint, SignJWT, type JWK } from "jose";
import { cacheGet, cacheSet, type CacheKey } from "./cache";
import { JWT_CACHE_SHARE, type KeyPairAlgorithm, type KeyPairConfig } from "./kinds/key-pair";
import type { ResolveDeps } from "./resolve-deps";
import type { ResolvableCredential } from "./types";

export type PublicKeyInfo = { publicKeyPem: string; publicJwk: JWK; thumbprint: string };
export type MintedJwt = {
  jwt: string;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  issuedAt: number;
  expiresAt: number;
};

const RSA_MIN_BITS = 2048;

function compatibilityProblem(key: KeyObject, algorithm: KeyPairAlgorithm): string | null {
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails ?? {};
  if (algorithm.startsWith("RS") || algorithm === "PS256") {
    const ok = type === "rsa" || (algorithm === "PS256" && type === "rsa-pss");
    if (!ok)
      return `${algorithm} needs an RSA private key, but this is ${type?.toUpperCase() ?? "another kind of"} key.`;
    if ((details.modulusLength ?? 0) < RSA_MIN_BITS)
      return `The RSA key has ${details.modulusLength} bits; use at least ${RSA_MIN_BITS}.`;
    return null;
  }
  if (algorithm === "EdDSA")
    return type === "ed25519" || type === "ed448" ? null : "EdDSA needs an Ed25519 or Ed448 private key.";
  const curve = algorithm === "ES256" ? "prime256v1" : "secp384r1";
  if (type !== "ec" || details.namedCurve !== curve)
    return `${algorithm} needs an EC private key on the ${algorithm === "ES256" ? "P-256" : "P-384"} curve.`;
  return null;
}

function loadPrivateKey(pem: string): KeyObject | string {
  if (/ENCRYPTED/.test(pem))
    return "This private key is protected by a passphrase; paste it unencrypted (it is stored encrypted here).";
  try {
    const key = createPrivateKey({ key: pem.trim(), format: "pem" });
    return key.type === "private" ? key : "This is not a private key.";
  } catch {
    // Deliberately no detail from OpenSSL: it can quote parts of the input.
    return "This is not a valid PEM private key.";
  }
}

/** Validates a private key for an algorithm and derives the public key the verifier needs. */
export async function inspectPrivateKey(
  pem: string,
  algorithm: KeyPairAlgorithm,
): Promise<{ ok: true; info: PublicKeyInfo } | { ok: false; message: string }> {
  const key = loadPrivateKey(pem);
  if (typeof key === "string") return { ok: false, message: key };
  const problem = compatibilityProblem(key, algorithm);
  if (problem) return { ok: false, message: problem };
  const publicKey = createPublicKey(key);
  const jwk = publicKey.export({ format: "jwk" }) as JWK;
  const thumbprint = await calculateJwkThumbprint(jwk, "sha256");
  return {
    ok: true,
    info: {
      publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
      publicJwk: { ...jwk, alg: algorithm, use: "sig", kid: thumbprint },
      thumbprint,
    },
  };
}

/** A new key pair for an algorithm, as PEM (PKCS#8 private, SPKI public). */
export function generateKeyPair(algorithm: KeyPairAlgorithm): {
  privateKeyPem: string;
  publicKeyPem: string;
} {
  const pair =
    algorithm === "EdDSA"
      ? generateKeyPairSync("ed25519")
      : algorithm === "ES256" || algorithm === "ES384"
        ? generateKeyPairSync("ec", { namedCurve: algorithm === "ES256" ? "P-256" : "P-384" })
        : generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKeyPem: pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: pair.publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** Pure apart from the random `jti`: the claims a JWT minted at `now` carries. */
export function jwtClaims(config: KeyPairConfig, nowMs: number): Record<string, unknown> {
  const iat = Math.floor(nowMs / 1000);
  const claims: Record<string, unknown> = { ...config.customClaims };
  if (config.issuer) claims.iss = config.issuer;
  if (config.subject) claims.sub = config.subject;
  if (config.audience) claims.aud = config.audience;
  return { ...claims, iat, exp: iat + config.lifetimeSeconds, jti: randomUUID() };
}

export async function mintJwt(
  config: KeyPairConfig,
  privateKeyPem: string,
  nowMs: number,
): Promise<MintedJwt> {
  const key = loadPrivateKey(privateKeyPem);
  if (typeof key === "string") throw new Error(key);
  const claims = jwtClaims(config, nowMs);
  const header = { alg: config.algorithm, typ: "JWT", kid: config.keyId || config.publicJwk.kid };
  const jwt = await new SignJWT(claims).setProtectedHeader(header).sign(key);
  return { jwt, header, claims, issuedAt: nowMs, expiresAt: nowMs + config.lifetimeSeconds * 1000 };
}

type KeyPairCredential = Extract<ResolvableCredential, { type: "key_pair" }>;

/** The JWT for a credential: reused for 90 % of its lifetime, then minted again on next use. */
export async function obtainJwt(
  credential: KeyPairCredential,
  deps: ResolveDeps,
): Promise<{ minted: MintedJwt; cached: boolean }> {
  const key: CacheKey = { kind: "jwt", id: credential.id, version: credential.version };
  const now = deps.clock.now();
  const cached = deps.forceRefresh ? undefined : cacheGet<MintedJwt>(key, now);
  if (cached) return { minted: cached, cached: true };
  const minted = await mintJwt(credential.config, credential.secrets.privateKeyPem, now);
  cacheSet(key, minted, now + Math.floor(credential.config.lifetimeSeconds * 1000 * JWT_CACHE_SHARE));
  return { minted, cached: false };
}
