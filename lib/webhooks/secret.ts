import "server-only";
import { randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret, type SecretContext } from "../crypto";

// An endpoint's signing secret: `whsec_` + base64 of 24 random bytes (the Standard Webhooks
// format), kept as an envelope under the master key bound to the endpoint and the column, so a
// copied value cannot be moved to another endpoint. Shown once (create, rotate), never again.

export const SECRET_PREFIX = "whsec_";
/** After a rotation the previous secret still signs (a second signature) for this long. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 60 * 60 * 1000;

export type SecretColumn = "secret" | "previousSecret";

export function generateSigningSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(24).toString("base64")}`;
}

function context(endpoint: { id: string; name?: string }, column: SecretColumn): SecretContext {
  return { scope: "webhook", recordId: endpoint.id, field: column, label: endpoint.name };
}

export function encryptSigningSecret(
  endpoint: { id: string; name?: string },
  column: SecretColumn,
  secret: string,
): string {
  return encryptSecret(secret, context(endpoint, column));
}

/** The plain `whsec_…` secret of one column (throws SecretDecryptionError on a wrong master key). */
export function decryptSigningSecret(
  endpoint: { id: string; name?: string },
  column: SecretColumn,
  envelope: string,
): string {
  return decryptSecret(envelope, context(endpoint, column));
}

/**
 * The secrets a delivery is signed with now: the current one, and the previous one while its
 * 24 hours after a rotation last.
 */
export function signingSecrets(
  endpoint: {
    id: string;
    name?: string;
    secret: string;
    previousSecret: string | null;
    previousSecretExpiresAt: Date | null;
  },
  now: Date = new Date(),
): string[] {
  const secrets = [decryptSigningSecret(endpoint, "secret", endpoint.secret)];
  if (
    endpoint.previousSecret &&
    endpoint.previousSecretExpiresAt &&
    endpoint.previousSecretExpiresAt.getTime() > now.getTime()
  )
    secrets.push(decryptSigningSecret(endpoint, "previousSecret", endpoint.previousSecret));
  return secrets;
}
