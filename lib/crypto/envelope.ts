import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { keyring, type Keyring } from "./master-key";

const VERSION = "v1";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** What a ciphertext is bound to: moving it to another record or field makes it undecryptable. */
export type SecretContext = {
  scope: "credential" | "integration" | "setting" | "webhook_endpoint";
  recordId: string;
  field: string;
  /** Shown in error messages (e.g. the credential's name); never secret. */
  label?: string;
};

export class SecretDecryptionError extends Error {
  constructor(
    message: string,
    readonly reason: "unknown_key" | "tampered" | "malformed",
  ) {
    super(message);
    this.name = "SecretDecryptionError";
  }
}

function associatedData(kid: string, context: SecretContext): Buffer {
  // The key id is bound too, so an envelope cannot be relabelled to another key.
  return Buffer.from(
    `workbench/${VERSION}/${kid}/${context.scope}/${context.recordId}/${context.field}`,
    "utf8",
  );
}

/** `v1.<kid>.<nonce>.<ciphertext>.<tag>`, each part base64url. */
export function encryptSecret(plaintext: string, context: SecretContext, ring: Keyring = keyring()): string {
  const { kid, key } = ring.active;
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(kid, context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    VERSION,
    kid,
    nonce.toString("base64url"),
    ciphertext.toString("base64url"),
    tag.toString("base64url"),
  ].join(".");
}

function describe(context: SecretContext): string {
  return `${context.scope} ${context.label ?? context.recordId}`;
}

type ParsedEnvelope = { kid: string; nonce: Buffer; ciphertext: Buffer; tag: Buffer };

function parseEnvelope(envelope: string, context: SecretContext): ParsedEnvelope {
  const parts = envelope.split(".");
  const wellFormed =
    parts.length === 5 && parts[0] === VERSION && parts.every((part, i) => i === 3 || part.length > 0);
  if (!wellFormed || !parts.slice(1).every((part) => /^[A-Za-z0-9_-]*$/.test(part))) {
    throw new SecretDecryptionError(
      `cannot decrypt ${describe(context)}: the stored value of "${context.field}" is not a Workbench envelope`,
      "malformed",
    );
  }
  const [, kid, nonce, ciphertext, tag] = parts;
  return {
    kid,
    nonce: Buffer.from(nonce, "base64url"),
    ciphertext: Buffer.from(ciphertext, "base64url"),
    tag: Buffer.from(tag, "base64url"),
  };
}

/** The key id an envelope was encrypted under (for rotation), without decrypting it. */
export function envelopeKeyId(envelope: string): string | null {
  const parts = envelope.split(".");
  return parts.length === 5 && parts[0] === VERSION ? parts[1] : null;
}

export function decryptSecret(envelope: string, context: SecretContext, ring: Keyring = keyring()): string {
  const parsed = parseEnvelope(envelope, context);
  const master = ring.keys.get(parsed.kid);
  if (!master) {
    throw new SecretDecryptionError(
      `cannot decrypt ${describe(context)}: master key does not match (key id ${parsed.kid} is not configured; ` +
        `the active key id is ${ring.active.kid})`,
      "unknown_key",
    );
  }
  if (parsed.nonce.length !== NONCE_BYTES || parsed.tag.length !== TAG_BYTES) {
    throw new SecretDecryptionError(
      `cannot decrypt ${describe(context)}: the stored value of "${context.field}" is damaged`,
      "malformed",
    );
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", master.key, parsed.nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(parsed.kid, context));
    decipher.setAuthTag(parsed.tag);
    return Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptionError(
      `cannot decrypt ${describe(context)}: the stored value of "${context.field}" failed its integrity check ` +
        `(tampered with, or copied from another record; key id ${parsed.kid})`,
      "tampered",
    );
  }
}
