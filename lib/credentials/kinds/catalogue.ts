// The credential kinds as the console's pages use them before anything is checked, free of zod
// (the list, the type picker and the form render from it; the schemas are fetched at the form's
// first check): each kind's type, how the console describes it, a new credential's form values
// and how to empty its write-only secrets, and the choices its fields offer. Each kind's
// definition (./<kind>.ts) is built from its entry here; the registry test checks both name the
// same kinds in the same order.
import type { KindInfo } from "./kind";

export const OAUTH_SCHEMES = ["body", "query", "post_query"] as const;
export type OAuthScheme = (typeof OAUTH_SCHEMES)[number];
export const OAUTH_SCHEME_LABELS: Record<OAuthScheme, string> = {
  body: "Body parameters (POST, form-encoded)",
  query: "URL query parameters (GET)",
  post_query: "URL query parameters (POST, empty body)",
};

/** The OAuth token is cached this long. */
export const OAUTH_TOKEN_CACHE_SECONDS = 45;

export const KEY_PAIR_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"] as const;
export type KeyPairAlgorithm = (typeof KEY_PAIR_ALGORITHMS)[number];

/** A key-pair JWT is reused for this share of its lifetime. */
export const JWT_CACHE_SHARE = 0.9;

/** In the order the console offers them. */
export const KIND_CATALOGUE = {
  oauth_client_credentials: {
    info: {
      label: "OAuth client credentials",
      description: "Requests an access token from your Identity URL and adds Authorization: Bearer …",
      beta: false,
    } satisfies KindInfo,
    emptyValues: {
      type: "oauth_client_credentials" as const,
      name: "",
      identityUrl: "",
      clientId: "",
      clientSecret: "",
      scope: "",
      scheme: "body" as OAuthScheme,
    },
    withoutSecrets: <V extends { clientSecret?: string }>(values: V): V => ({ ...values, clientSecret: "" }),
  },
  aws_signed_request: {
    info: {
      label: "AWS Signed Request",
      description: "Signs requests with AWS Signature Version 4 (IAM access key).",
      beta: false,
    } satisfies KindInfo,
    emptyValues: {
      type: "aws_signed_request" as const,
      name: "",
      accessKeyId: "",
      secretAccessKey: "",
      sessionToken: "",
      clearSessionToken: false,
      service: "",
      region: "",
      signQuery: false,
    },
    withoutSecrets: <
      V extends { secretAccessKey?: string; sessionToken?: string; clearSessionToken?: boolean },
    >(
      values: V,
    ): V => ({
      ...values,
      secretAccessKey: "",
      sessionToken: "",
      clearSessionToken: false,
    }),
  },
  basic: {
    info: {
      label: "Basic auth",
      description: "Adds Authorization: Basic … with the user name and password, base64 encoded.",
      beta: false,
      warning:
        "This option is less secure as it allows the username and password in your request to be decoded. Consider using the alternative options where possible.",
    } satisfies KindInfo,
    emptyValues: { type: "basic" as const, name: "", username: "", password: "" },
    withoutSecrets: <V extends { password?: string }>(values: V): V => ({ ...values, password: "" }),
  },
  key_pair: {
    info: {
      label: "Key-pair",
      description: "Adds Authorization: Bearer … with a JWT signed by your private key.",
      beta: true,
    } satisfies KindInfo,
    emptyValues: {
      type: "key_pair" as const,
      name: "",
      privateKeyPem: "",
      generateKey: false,
      algorithm: "RS256" as KeyPairAlgorithm,
      issuer: "",
      subject: "",
      audience: "",
      customClaims: "",
      lifetimeSeconds: 300,
      keyId: "",
    },
    withoutSecrets: <V extends { privateKeyPem?: string; generateKey?: boolean }>(values: V): V => ({
      ...values,
      privateKeyPem: "",
      generateKey: false,
    }),
  },
  custom_headers: {
    info: {
      label: "Custom headers",
      description: "Adds the headers you configure to every request that uses this credential.",
      beta: true,
    } satisfies KindInfo,
    emptyValues: {
      type: "custom_headers" as const,
      name: "",
      headers: [{ name: "", value: "", secret: true }],
    },
    withoutSecrets: <V extends { headers: { value: string; secret: boolean }[] }>(values: V): V => ({
      ...values,
      headers: values.headers.map((h) => (h.secret ? { ...h, value: "" } : h)),
    }),
  },
};

export type CredentialType = keyof typeof KIND_CATALOGUE;
export const CREDENTIAL_TYPES = Object.keys(KIND_CATALOGUE) as [CredentialType, ...CredentialType[]];

export const CREDENTIAL_TYPE_INFO: Record<CredentialType, KindInfo> = Object.fromEntries(
  CREDENTIAL_TYPES.map((type) => [type, KIND_CATALOGUE[type].info]),
) as Record<CredentialType, KindInfo>;
