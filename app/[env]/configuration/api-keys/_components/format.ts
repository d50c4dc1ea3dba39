// Dates on API key pages: the "expires in N days" warnings (lib/api-keys/expiry.ts, shared with
// the expiry picker) and the time a server-rendered page compares expiries against.
export { EXPIRY_WARNING_DAYS, expiryState, type ExpiryState } from "@/lib/api-keys/expiry-state";

/**
 * The time a server-rendered page compares expiries against. Server components render once per
 * request, so reading the clock here is stable for that render.
 */
export function requestTime(): number {
  return Date.now();
}
