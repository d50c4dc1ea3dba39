import { config } from "../config";

/** Console session settings (see README › Configuration). */
export function sessionIdleSeconds(): number {
  return config().sessionIdleSeconds;
}

/** Failed sign-ins allowed per email (and ×4 per IP) in the throttle window before refusing. */
export function signInThrottle(): { maxFailures: number; windowSeconds: number } {
  return { maxFailures: config().signInMaxFailures, windowSeconds: 15 * 60 };
}

export function publicBaseUrl(): string {
  return config().publicUrl;
}
