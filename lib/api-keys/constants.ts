// Values of API key inputs that the console's client components need at first paint (choices,
// limits), free of zod so a page does not ship it for them. The schemas in ./schemas are built
// from these and stay the single definition of the inputs.

export const API_KEY_KINDS = ["fine_grained", "legacy"] as const;
export type ApiKeyKind = (typeof API_KEY_KINDS)[number];

export const ROTATION_GRACE = {
  none: 0,
  "1h": 60 * 60 * 1000,
  "24h": 24 * 60 * 60 * 1000,
  "7d": 7 * 24 * 60 * 60 * 1000,
} as const;
/**
 * A grace that follows traffic: the previous secret works until it has been unused for N minutes
 * (15 by default), and at most 7 days. A periodic job ends it and writes the audit entry.
 */
export const FOLLOW_TRAFFIC = "until_unused";
export const DEFAULT_UNUSED_MINUTES = 15;
export const MAX_UNUSED_MINUTES = 7 * 24 * 60;
export const FOLLOW_TRAFFIC_LIMIT_MS = MAX_UNUSED_MINUTES * 60 * 1000;
export type RotationGrace = keyof typeof ROTATION_GRACE | typeof FOLLOW_TRAFFIC;
export const ROTATION_GRACE_OPTIONS = [...Object.keys(ROTATION_GRACE), FOLLOW_TRAFFIC] as RotationGrace[];

/** enforce: other addresses are refused; report: they are let through and listed on the key page. */
export const ALLOWLIST_MODES = ["enforce", "report"] as const;
export type AllowlistMode = (typeof ALLOWLIST_MODES)[number];
/** Distinct addresses kept per key in report-only mode, and how long after their last request. */
export const MAX_OBSERVED_ADDRESSES = 100;
export const OBSERVED_ADDRESS_DAYS = 30;

export const MAX_ALLOWLIST_ENTRIES = 100;

export const API_KEY_STATUSES = ["active", "expired", "revoked"] as const;
export type ApiKeyStatus = (typeof API_KEY_STATUSES)[number];
