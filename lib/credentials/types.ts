import type { JWK } from "jose";
import type { KeyPairAlgorithm, OAuthScheme } from "./field-rules";

export type OAuthConfig = { identityUrl: string; clientId: string; scope: string; scheme: OAuthScheme };
export type AwsConfig = { accessKeyId: string; service: string; region: string; signQuery: boolean };
export type BasicConfig = { username: string };
export type KeyPairConfig = {
  algorithm: KeyPairAlgorithm;
  issuer: string;
  subject: string;
  audience: string;
  customClaims: Record<string, unknown>;
  lifetimeSeconds: number;
  /** The JWT header's `kid`: entered, or the public key's JWK thumbprint. */
  keyId: string;
  publicKeyPem: string;
  publicJwk: JWK;
};
/** Secret header values live in the secrets map under `header:<lower-case name>`, not here. */
export type CustomHeadersConfig = { headers: { name: string; value: string; secret: boolean }[] };

/** A credential with its secrets decrypted. Exists only inside lib/ while resolving. */
export type CredentialMaterial =
  | { type: "oauth_client_credentials"; config: OAuthConfig; secrets: { clientSecret: string } }
  | {
      type: "aws_signed_request";
      config: AwsConfig;
      secrets: { secretAccessKey: string; sessionToken?: string };
    }
  | { type: "basic"; config: BasicConfig; secrets: { password: string } }
  | { type: "key_pair"; config: KeyPairConfig; secrets: { privateKeyPem: string } }
  | { type: "custom_headers"; config: CustomHeadersConfig; secrets: Record<string, string> };

export type ResolvableCredential = CredentialMaterial & { id: string; version: number; name: string };

/** A request the platform is about to send, before and after a credential is applied. */
export type OutgoingRequest = { method: string; url: string; headers: Record<string, string>; body?: string };

export function secretHeaderKey(name: string): string {
  return `header:${name.toLowerCase()}`;
}

/** Sets a header, replacing any existing one whatever its case. */
export function withHeader(
  headers: Record<string, string>,
  name: string,
  value: string,
): Record<string, string> {
  const out = Object.fromEntries(
    Object.entries(headers).filter(([key]) => key.toLowerCase() !== name.toLowerCase()),
  );
  out[name] = value;
  return out;
}
