// Client-safe (no Node imports): shared by the form, the server action and the API.

export const CREDENTIAL_TYPES = [
  "oauth_client_credentials",
  "aws_signed_request",
  "basic",
  "key_pair",
  "custom_headers",
] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];

export const CREDENTIAL_TYPE_INFO: Record<
  CredentialType,
  { label: string; description: string; beta: boolean; warning?: string }
> = {
  oauth_client_credentials: {
    label: "Client credentials (OAuth)",
    description: "Requests an access token from your Identity URL and adds Authorization: Bearer …",
    beta: false,
  },
  aws_signed_request: {
    label: "AWS Signed Request",
    description: "Signs requests with AWS Signature Version 4 (IAM access key).",
    beta: false,
  },
  basic: {
    label: "Basic auth",
    description: "Adds Authorization: Basic … with the user name and password, base64 encoded.",
    beta: false,
    warning:
      "This option is less secure as it allows the username and password in your request to be decoded. Consider using the alternative options where possible.",
  },
  key_pair: {
    label: "Key-pair",
    description: "Adds Authorization: Bearer … with a JWT signed by your private key.",
    beta: true,
  },
  custom_headers: {
    label: "Custom headers",
    description: "Adds the headers you configure to every request that uses this credential.",
    beta: true,
  },
};

export const OAUTH_SCHEMES = ["body", "query", "post_query"] as const;
export type OAuthScheme = (typeof OAUTH_SCHEMES)[number];
export const OAUTH_SCHEME_LABELS: Record<OAuthScheme, string> = {
  body: "Body parameters (POST, form-encoded)",
  query: "URL query parameters (GET)",
  post_query: "URL query parameters (POST, empty body)",
};

export const KEY_PAIR_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"] as const;
export type KeyPairAlgorithm = (typeof KEY_PAIR_ALGORITHMS)[number];

/** Claims the key-pair form sets itself, so custom claims may not override them. */
export const RESERVED_CLAIMS = ["iss", "sub", "aud", "exp", "iat", "nbf", "jti"] as const;

/** The OAuth token is cached this long (seed 003). */
export const OAUTH_TOKEN_CACHE_SECONDS = 45;
/** A key-pair JWT is reused for this share of its lifetime (seed 003). */
export const JWT_CACHE_SHARE = 0.9;

// RFC 7230 token: the characters a header name may contain.
export const HEADER_NAME_PATTERN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

// Set by the HTTP client or meaningful only per connection; a credential must not set them.
export const FORBIDDEN_HEADER_NAMES = [
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
  "content-length",
  "expect",
] as const;

export function headerNameProblem(name: string): string | null {
  if (!name) return "Enter a header name.";
  if (!HEADER_NAME_PATTERN.test(name))
    return "A header name may contain only letters, digits and !#$%&'*+.^_`|~- (no spaces or colons).";
  if ((FORBIDDEN_HEADER_NAMES as readonly string[]).includes(name.toLowerCase()))
    return `${name} is managed by the HTTP client and cannot be set here.`;
  return null;
}

/** Header values may not contain control characters other than tab (CR/LF would split headers). */
export function isValidHeaderValue(value: string): boolean {
  return !/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value);
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === "http:" || url.protocol === "https:") &&
      !url.username &&
      !url.password &&
      url.hostname !== ""
    );
  } catch {
    return false;
  }
}

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
