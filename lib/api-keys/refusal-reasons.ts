// Why a request with an API key was refused, in words, with the fix next to it: the API
// documentation's troubleshooting section (401 / 403 / 429, rotation, expiry) per key. Pure and
// client-safe: the key page renders these.

export type RefusalParams = { ip?: string; permission?: string; environment?: string };

type ReasonText = {
  words: (p: RefusalParams) => string;
  fix: (p: RefusalParams) => string;
};

export const REFUSAL_REASONS = {
  wrong_secret: {
    words: () => "Wrong client secret",
    fix: () =>
      "Use the key's current secret. If it was rotated, give the client the new one (rotate with a grace period to switch without downtime).",
  },
  key_expired: {
    words: () => "The key has expired",
    fix: () => "Rotate the key and set a new expiry in the same step, or create a new key.",
  },
  key_revoked: {
    words: () => "The key is revoked",
    fix: () => "A revoked key cannot be used again: create a new key and give the client its secret.",
  },
  token_expired: {
    words: () => "An expired access token",
    fix: () =>
      "Access tokens live 1 hour: request a new one (POST /oauth2/token) when a call answers 401, or refresh it before it expires.",
  },
  too_many_failures: {
    words: (p) => `Too many failed authentications from IP ${p.ip ?? "(unknown)"}`,
    fix: (p) =>
      `Give the client at ${p.ip ?? "that address"} the key's current secret: a correct secret is always accepted, and the failures stop counting after Retry-After.`,
  },
  rotated: {
    words: () => "A token issued before the secret was rotated",
    fix: () => "Request a new access token with the new secret.",
  },
  ip_not_allowed: {
    words: (p) => `IP ${p.ip ?? "(unknown)"} is not in the allowlist`,
    fix: (p) => `Add ${p.ip ?? "the caller's address"} to the allowlist (Edit), if that caller is yours.`,
  },
  missing_permission: {
    words: (p) => `Missing permission ${p.permission ?? ""}`.trim(),
    fix: (p) => `Add ${p.permission ?? "the permission"} to the key's permissions (Edit).`,
  },
  wrong_role: {
    words: () => "The key's role cannot call this operation",
    fix: () => "Use a key with the role or permission the operation needs (see the API reference).",
  },
  wrong_environment: {
    words: () => "Called another environment than the key's",
    fix: (p) =>
      `Call /v1/${p.environment ?? "<this key's environment>"}/…, or use a key of the environment you called.`,
  },
  rate_limited: {
    words: () => "Rate limited",
    fix: () =>
      "Wait for the time in Retry-After. Cache the access token and reuse it until it expires instead of requesting one per call.",
  },
  no_user_agent: {
    words: () => "No User-Agent header",
    fix: () => "Send a User-Agent header that names the client, e.g. User-Agent: billing-sync/1.0.",
  },
} satisfies Record<string, ReasonText>;

export type RefusalReason = keyof typeof REFUSAL_REASONS;
export const MAX_REFUSALS_PER_KEY = 50;

export function isRefusalReason(value: string): value is RefusalReason {
  return Object.hasOwn(REFUSAL_REASONS, value);
}

/** A stored refusal in words: what went wrong and what to do about it. */
export function explainRefusal(reason: string, params: RefusalParams): { words: string; fix: string } {
  if (!isRefusalReason(reason)) return { words: reason, fix: "" };
  const text: ReasonText = REFUSAL_REASONS[reason];
  return { words: text.words(params), fix: text.fix(params) };
}
