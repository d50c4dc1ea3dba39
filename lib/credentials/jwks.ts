import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { JWK } from "jose";
import { z } from "zod";
import { recordAudit } from "../audit";
import { actorId, type Actor } from "../auth/actor";
import { encryptSecretMap } from "../crypto";
import { db } from "../db";
import { DomainError, parseInput } from "../result";
import { assertCredentialAccess, NOT_FOUND, ownedBy } from "./access";
import { dropCredentialCaches } from "./cache";
import { generateKeyPair, inspectPrivateKey } from "./key-pair";
import type { KeyPairConfig } from "./kinds/key-pair";
import { existingSecrets, parseStoredConfig, recordRef, SECRET_ROW } from "./record";
import {
  rotateKeyPairInput,
  setJwksPublishedInput,
  type RotateKeyPairInput,
  type SetJwksPublishedInput,
} from "./schemas";

// Hosted JWKS: a key-pair credential can publish its public key(s) at
// /.well-known/jwks/<jwksPublicId>.json on the public API, so the verifying system fetches them
// instead of receiving a pasted PEM. "Rotate key pair" keeps the previous public key in the set
// until a chosen overlap ends, so tokens signed before the rotation still verify.

/** The URL's id: random, not derived from the credential id (the URL names nothing else). */
export const JWKS_PUBLIC_ID = /^jwks_[A-Za-z0-9_-]{22}$/;
export const jwksPath = (publicId: string) => `/.well-known/jwks/${publicId}.json`;

const previousKeysSchema = z.array(
  z.object({ jwk: z.looseObject({ kty: z.string(), kid: z.string() }), until: z.string() }),
);
export type PreviousPublicKey = { jwk: JWK & { kid: string }; until: string };

/** The stored previous keys still inside their overlap at `now` (a damaged column counts as none). */
export function previousKeysAt(column: string | null, now: Date): PreviousPublicKey[] {
  if (!column) return [];
  let value: unknown;
  try {
    value = JSON.parse(column);
  } catch {
    return [];
  }
  const parsed = previousKeysSchema.safeParse(value);
  if (!parsed.success) return [];
  return parsed.data.filter((key) => Date.parse(key.until) > now.getTime()) as PreviousPublicKey[];
}

/** The current key as verifiers see it: the `kid` is the one the JWT header carries. */
export function currentPublicJwk(config: KeyPairConfig): JWK & { kid: string } {
  return { ...config.publicJwk, kid: config.keyId || config.publicJwk.kid || "" };
}

export type JwksDocument = { body: string; etag: string };

/**
 * The published key set of a credential, as the JSON the route serves and its ETag; null when the
 * id is unknown, the credential is not a key-pair one or is not published.
 */
export async function publishedJwks(publicId: string, now: Date = new Date()): Promise<JwksDocument | null> {
  if (!JWKS_PUBLIC_ID.test(publicId)) return null;
  const row = await db().credential.findUnique({
    where: { jwksPublicId: publicId },
    select: { type: true, name: true, config: true, jwksPublished: true, previousPublicKeys: true },
  });
  if (!row || !row.jwksPublished || row.type !== "key_pair") return null;
  const config = parseStoredConfig("key_pair", row.config, row.name);
  const current = currentPublicJwk(config);
  const previous = previousKeysAt(row.previousPublicKeys, now)
    .map((key) => key.jwk)
    .filter((jwk) => jwk.kid !== current.kid);
  const body = JSON.stringify({ keys: [current, ...previous] });
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
  return { body, etag };
}

function newPublicId(): string {
  return `jwks_${randomBytes(16).toString("base64url")}`;
}

export type JwksState = {
  published: boolean;
  publicId: string | null;
  /** The path on the public API while published. */
  path: string | null;
  /** Every public key in the set now: the current one first, then those still inside their overlap. */
  keys: { kid: string; current: boolean; until: string | null }[];
};

export function jwksStateOf(
  row: { jwksPublished: boolean; jwksPublicId: string | null; previousPublicKeys: string | null },
  config: KeyPairConfig,
  now: Date = new Date(),
): JwksState {
  const current = currentPublicJwk(config);
  return {
    published: row.jwksPublished,
    publicId: row.jwksPublicId,
    path: row.jwksPublished && row.jwksPublicId ? jwksPath(row.jwksPublicId) : null,
    keys: [
      { kid: current.kid, current: true, until: null },
      ...previousKeysAt(row.previousPublicKeys, now)
        .filter((key) => key.jwk.kid !== current.kid)
        .map((key) => ({ kid: key.jwk.kid, current: false, until: key.until })),
    ],
  };
}

/** The hosted JWKS of a key-pair credential, as the console and /v1 show it. */
export async function getJwksState(actor: Actor, id: string): Promise<JwksState> {
  assertCredentialAccess(actor, "view");
  const row = await keyPairRow(actor, id);
  return jwksStateOf(row, parseStoredConfig("key_pair", row.config, row.name));
}

async function keyPairRow(actor: Actor, id: string) {
  const row = await db().credential.findFirst({
    where: ownedBy(actor, id),
    select: {
      ...SECRET_ROW,
      jwksPublicId: true,
      jwksPublished: true,
      previousPublicKeys: true,
    },
  });
  if (!row) throw new DomainError(NOT_FOUND, "not_found");
  if (row.type !== "key_pair")
    throw new DomainError("Only key-pair credentials have public keys to publish or rotate.", "invalid");
  return row;
}

/** Publishes the credential's key set at its stable URL (made on first publish), or stops serving it. */
export async function setJwksPublished(actor: Actor, input: SetJwksPublishedInput): Promise<JwksState> {
  const { id, published } = parseInput(setJwksPublishedInput, input);
  assertCredentialAccess(actor, "edit");
  const row = await keyPairRow(actor, id);
  const publicId = row.jwksPublicId ?? newPublicId();
  await db().$transaction(async (tx) => {
    await tx.credential.update({
      where: { id },
      data: { jwksPublished: published, jwksPublicId: publicId },
    });
    await recordAudit(
      actor,
      {
        action: published ? "credential.jwks_publish" : "credential.jwks_unpublish",
        environmentId: row.environmentId,
        target: { type: "credential", id, label: row.name },
        details: { url: jwksPath(publicId) },
      },
      tx,
    );
  });
  const config = parseStoredConfig("key_pair", row.config, row.name);
  return jwksStateOf({ ...row, jwksPublished: published, jwksPublicId: publicId }, config);
}

/**
 * "Rotate key pair": a new key pair of the same algorithm (the private key never leaves the
 * server); the previous public key stays in the published set for `overlapSeconds`. A key ID typed
 * by hand is replaced by the new key's thumbprint, so the two keys in the set can be told apart.
 */
export async function rotateKeyPair(
  actor: Actor,
  input: RotateKeyPairInput,
): Promise<{ version: number; kid: string; previousKid: string; overlapUntil: string | null }> {
  const { id, overlapSeconds, expectedVersion } = parseInput(rotateKeyPairInput, input);
  assertCredentialAccess(actor, "edit");
  const row = await keyPairRow(actor, id);
  const stale = new DomainError(
    "Someone else changed this credential since you opened it. Reload to see their changes.",
    "conflict",
  );
  if (expectedVersion !== undefined && expectedVersion !== row.version) throw stale;
  const config = parseStoredConfig("key_pair", row.config, row.name);
  const { privateKeyPem } = generateKeyPair(config.algorithm);
  const inspected = await inspectPrivateKey(privateKeyPem, config.algorithm);
  if (!inspected.ok) throw new Error(inspected.message);
  const { publicKeyPem, publicJwk } = inspected.info;
  const now = new Date();
  const previous = currentPublicJwk(config);
  const overlapUntil = overlapSeconds > 0 ? new Date(now.getTime() + overlapSeconds * 1000) : null;
  const kept = previousKeysAt(row.previousPublicKeys, now).filter((key) => key.jwk.kid !== previous.kid);
  const previousKeys = overlapUntil ? [{ jwk: previous, until: overlapUntil.toISOString() }, ...kept] : kept;
  const newConfig: KeyPairConfig = { ...config, keyId: "", publicKeyPem, publicJwk };
  const envelopes = existingSecrets(row).envelopes;
  const secrets = JSON.stringify({ ...envelopes, ...encryptSecretMap({ privateKeyPem }, recordRef(row)) });
  await db().$transaction(async (tx) => {
    const { count } = await tx.credential.updateMany({
      where: { id, version: row.version },
      data: {
        config: JSON.stringify(newConfig),
        secrets,
        previousPublicKeys: previousKeys.length ? JSON.stringify(previousKeys) : null,
        version: row.version + 1,
        updatedById: actorId(actor),
        updatedByLabel: actor.label,
        updatedAt: now,
      },
    });
    if (count !== 1) throw stale;
    await recordAudit(
      actor,
      {
        action: "credential.rotate_key_pair",
        environmentId: row.environmentId,
        target: { type: "credential", id, label: row.name },
        details: {
          version: row.version + 1,
          newKeyId: publicJwk.kid,
          previousKeyId: previous.kid,
          previousKeyPublishedUntil: overlapUntil?.toISOString() ?? null,
          ...(config.keyId ? { keyId: { from: config.keyId, to: "" } } : {}),
        },
      },
      tx,
    );
  });
  dropCredentialCaches(id);
  return {
    version: row.version + 1,
    kid: String(publicJwk.kid),
    previousKid: previous.kid,
    overlapUntil: overlapUntil?.toISOString() ?? null,
  };
}
