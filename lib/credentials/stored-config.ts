import { z } from "zod";
import { CREDENTIAL_TYPES, KEY_PAIR_ALGORITHMS, OAUTH_SCHEMES, type CredentialType } from "./field-rules";
import type { AwsConfig, BasicConfig, CustomHeadersConfig, KeyPairConfig, OAuthConfig } from "./types";

// Shapes of the `config` column, checked on every read so a damaged row fails clearly.
const storedConfigSchemas = {
  oauth_client_credentials: z.object({
    identityUrl: z.string(),
    clientId: z.string(),
    scope: z.string(),
    scheme: z.enum(OAUTH_SCHEMES),
  }),
  aws_signed_request: z.object({
    accessKeyId: z.string(),
    service: z.string(),
    region: z.string(),
    signQuery: z.boolean(),
  }),
  basic: z.object({ username: z.string() }),
  key_pair: z.object({
    algorithm: z.enum(KEY_PAIR_ALGORITHMS),
    issuer: z.string(),
    subject: z.string(),
    audience: z.string(),
    customClaims: z.record(z.string(), z.unknown()),
    lifetimeSeconds: z.number().int().positive(),
    keyId: z.string(),
    publicKeyPem: z.string(),
    publicJwk: z.looseObject({ kty: z.string() }),
  }),
  custom_headers: z.object({
    headers: z.array(z.object({ name: z.string(), value: z.string(), secret: z.boolean() })),
  }),
} satisfies Record<CredentialType, z.ZodType>;

export type StoredConfig = {
  oauth_client_credentials: OAuthConfig;
  aws_signed_request: AwsConfig;
  basic: BasicConfig;
  key_pair: KeyPairConfig;
  custom_headers: CustomHeadersConfig;
};

export function isCredentialType(value: string): value is CredentialType {
  return (CREDENTIAL_TYPES as readonly string[]).includes(value);
}

export function parseStoredConfig<T extends CredentialType>(
  type: T,
  json: string,
  label: string,
): StoredConfig[T] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    value = undefined;
  }
  const parsed = storedConfigSchemas[type].safeParse(value);
  if (!parsed.success)
    throw new Error(`The stored settings of credential ${label} are damaged; edit and save it again.`);
  return parsed.data as StoredConfig[T];
}
