import type { JWK } from "jose";
import { z } from "zod";
import { KEY_PAIR_ALGORITHMS, KIND_CATALOGUE } from "./catalogue";

export { JWT_CACHE_SHARE, KEY_PAIR_ALGORITHMS, type KeyPairAlgorithm } from "./catalogue";
import { credentialName, defineKind, optionalSecret, text, type FormMode } from "./kind";

/** Claims the key-pair form sets itself, so custom claims may not override them. */
export const RESERVED_CLAIMS = ["iss", "sub", "aud", "exp", "iat", "nbf", "jti"] as const;

/** Custom claims arrive as JSON text from the form or as an object from the API. */
export function parseCustomClaims(
  value: string | Record<string, unknown>,
): { claims: Record<string, unknown> } | { error: string } {
  let parsed: unknown = value;
  if (typeof value === "string") {
    if (value.trim() === "") return { claims: {} };
    try {
      parsed = JSON.parse(value);
    } catch {
      return { error: 'Custom claims must be valid JSON, e.g. {"tenant": "acme"}.' };
    }
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    return { error: "Custom claims must be a JSON object." };
  const reserved = Object.keys(parsed).filter((key) => (RESERVED_CLAIMS as readonly string[]).includes(key));
  if (reserved.length)
    return { error: `Set ${reserved.join(", ")} with the fields above, not as custom claims.` };
  return { claims: parsed as Record<string, unknown> };
}

// The private key is parsed for real on the server (the storage plan).
const form = (mode: FormMode) =>
  z
    .object({
      type: z.literal("key_pair"),
      name: credentialName,
      privateKeyPem: optionalSecret(
        z
          .string()
          .max(16_384, "That is too long for a PEM private key.")
          .refine(
            (v) => v.trim() === "" || /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/.test(v),
            "Paste a PEM private key (-----BEGIN PRIVATE KEY-----).",
          ),
      ),
      /** Generate a new key pair on the server instead of pasting one; the private key never leaves it. */
      generateKey: z.boolean().optional(),
      algorithm: z.enum(KEY_PAIR_ALGORITHMS),
      issuer: text("issuer"),
      subject: text("subject"),
      audience: text("audience"),
      customClaims: z.union([
        z.string().max(8000, "Use at most 8000 characters."),
        z.record(z.string(), z.unknown()),
      ]),
      lifetimeSeconds: z
        .number()
        .int("Enter whole seconds.")
        .min(10, "Use at least 10 seconds.")
        .max(86_400, "Use at most 86400 seconds (24 h)."),
      keyId: text("key ID", 200),
    })
    .superRefine((value, ctx) => {
      const claims = parseCustomClaims(value.customClaims);
      if ("error" in claims) ctx.addIssue({ code: "custom", message: claims.error, path: ["customClaims"] });
      if (mode === "create" && !value.generateKey && !value.privateKeyPem?.trim()) {
        ctx.addIssue({
          code: "custom",
          message: "Paste the private key, or generate a new key pair.",
          path: ["privateKeyPem"],
        });
      }
    });

export const keyPair = defineKind({
  type: "key_pair",
  info: KIND_CATALOGUE.key_pair.info,
  form,
  stored: z.object({
    algorithm: z.enum(KEY_PAIR_ALGORITHMS),
    issuer: z.string(),
    subject: z.string(),
    audience: z.string(),
    customClaims: z.record(z.string(), z.unknown()),
    lifetimeSeconds: z.number().int().positive(),
    /** The JWT header's `kid` as entered; empty means the current public key's JWK thumbprint. */
    keyId: z.string(),
    publicKeyPem: z.string(),
    publicJwk: z.looseObject({ kty: z.string() }).transform((jwk): JWK => jwk),
  }),
  secrets: z.object({ privateKeyPem: z.string() }),
  emptyValues: KIND_CATALOGUE.key_pair.emptyValues,
  withoutSecrets: KIND_CATALOGUE.key_pair.withoutSecrets,
});

export type KeyPairConfig = z.output<typeof keyPair.stored>;
