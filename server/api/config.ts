import type { RateLimitRule } from "../../lib/api-keys";
import { config } from "../../lib/config";

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

export function rateLimitConfigFromEnv(): RateLimitConfig {
  const { tokenLimit, authFailureLimit, windowSeconds } = config().rateLimits;
  const windowMs = windowSeconds * 1000;
  return {
    token: { limit: tokenLimit, windowMs },
    authFailure: { limit: authFailureLimit, windowMs },
  };
}
