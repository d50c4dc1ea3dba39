// Response headers that harden every answer, console and API alike. Pure; the one place that
// decides them. The console's Content-Security-Policy carries a fresh nonce per request
// (server/index.ts), which Next puts on its own scripts; nothing else may run.

/** Headers for every response; HSTS only when the public URL is https. */
export function baseSecurityHeaders(publicUrl: string): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    ...(publicUrl.startsWith("https://")
      ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" }
      : {}),
  };
}

/** The API answers JSON only: it may load nothing and be framed by nobody. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * The console's policy: scripts only from this origin and with this request's nonce; inline
 * style attributes are allowed (positioning by the UI primitives), inline style elements are not
 * needed. No plugins, no framing, forms post only here.
 */
export function consoleContentSecurityPolicy(nonce: string, publicUrl: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(publicUrl.startsWith("https://") ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
