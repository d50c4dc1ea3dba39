import "server-only";
import { randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret, type SecretContext } from "../crypto";

// An endpoint's signing secret (`whsec_` + base64 of 24 random bytes, the Standard Webhooks form)
// is stored as an envelope under the master key, bound to its endpoint and column: `secret`, and
// after a rotation `previousSecret` until `previousSecretExpiresAt`.

export type SigningSecretField = "secret" | "previousSecret";

export const SIGNING_SECRET_PREFIX = "whsec_";

export function signingSecretContext(
  endpoint: { id: string; name?: string },
  field: SigningSecretField,
): SecretContext {
  return { scope: "webhook_endpoint", recordId: endpoint.id, field, label: endpoint.name };
}

/** A new signing secret, in plain text (shown once). */
export function newSigningSecret(): string {
  return `${SIGNING_SECRET_PREFIX}${randomBytes(24).toString("base64")}`;
}

export function sealSigningSecret(
  secret: string,
  endpoint: { id: string; name?: string },
  field: SigningSecretField = "secret",
): string {
  return encryptSecret(secret, signingSecretContext(endpoint, field));
}

export function openSigningSecret(
  envelope: string,
  endpoint: { id: string; name?: string },
  field: SigningSecretField = "secret",
): string {
  return decryptSecret(envelope, signingSecretContext(endpoint, field));
}
