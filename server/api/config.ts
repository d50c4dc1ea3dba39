import type { RateLimitRule } from "../../lib/api-keys";

/*
 * Rate limits of the public API, configurable through the environment (README lists them):
 *
 *   WORKBENCH_TOKEN_RATE_LIMIT            token requests per client ID per window    (default 60)
 *   WORKBENCH_AUTH_FAILURE_RATE_LIMIT     failed client authentications per IP
 *                                         per window on the token endpoint           (default 20)
 *   WORKBENCH_RATE_LIMIT_WINDOW_SECONDS   length of the fixed window, in seconds     (default 60)
 *
 * The counts are shared through the database (RateLimitWindow), so with PostgreSQL they hold
 * across all instances. A caller over a limit gets 429 with Retry-After.
 */
export type RateLimitConfig = { token: RateLimitRule; authFailure: RateLimitRule };

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive whole number, got ${JSON.stringify(raw)}`);
  }
  return value;
}

export function rateLimitConfigFromEnv(): RateLimitConfig {
  const windowMs = positiveInt("WORKBENCH_RATE_LIMIT_WINDOW_SECONDS", 60) * 1000;
  return {
    token: { limit: positiveInt("WORKBENCH_TOKEN_RATE_LIMIT", 60), windowMs },
    authFailure: { limit: positiveInt("WORKBENCH_AUTH_FAILURE_RATE_LIMIT", 20), windowMs },
  };
}
