// Client-safe (no Node imports) field rules shared by several credential kinds and the premium integrations.

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
