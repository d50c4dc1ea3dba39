import "server-only";
import { Webhook } from "standardwebhooks";
import { openSigningSecret } from "../signing-secret";

// Standard Webhooks signatures with the `standardwebhooks` package. After a rotation the previous
// secret signs too until it expires, so a receiver still verifying with it keeps accepting; the
// header then holds both signatures, space-separated, as the specification allows.

export type SigningEndpoint = {
  id: string;
  name: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
};

// Decrypting is cheap but not free: one signer per envelope (a rotation makes a new envelope).
const signers = new Map<string, Webhook>();

function signer(envelope: string, endpoint: SigningEndpoint, field: "secret" | "previousSecret"): Webhook {
  let found = signers.get(envelope);
  if (!found) {
    if (signers.size >= 1000) signers.clear();
    found = new Webhook(openSigningSecret(envelope, endpoint, field));
    signers.set(envelope, found);
  }
  return found;
}

/** The three Standard Webhooks headers for one attempt of a message. */
export function signatureHeaders(
  endpoint: SigningEndpoint,
  messageId: string,
  payload: string,
  at: Date,
): Record<"webhook-id" | "webhook-timestamp" | "webhook-signature", string> {
  const signatures = [signer(endpoint.secret, endpoint, "secret").sign(messageId, at, payload)];
  if (endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > at)
    signatures.push(signer(endpoint.previousSecret, endpoint, "previousSecret").sign(messageId, at, payload));
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}
