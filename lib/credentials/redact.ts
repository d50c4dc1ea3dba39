export const REDACTED = "[redacted]";

// Headers whose value is a credential whatever it contains.
const SECRET_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "x-amz-security-token",
  "cookie",
  "set-cookie",
]);
// Query / form parameters that carry secrets.
const SECRET_PARAMS = new Set([
  "client_secret",
  "x-amz-signature",
  "x-amz-security-token",
  "access_token",
  "refresh_token",
  "id_token",
  "password",
]);
// The same names as JSON fields, as an identity provider answers (or echoes) them.
const SECRET_JSON_FIELDS = new RegExp(
  `("(?:${[...SECRET_PARAMS].join("|")})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`,
  "gi",
);
// Shorter values would redact ordinary words; such secrets are still hidden structurally.
const MIN_SCRUB_LENGTH = 4;

export type Redactor = {
  text(value: string): string;
  headers(headers: Record<string, string>, secretHeaderNames?: string[]): Record<string, string>;
  url(url: string): string;
  formBody(body: string): string;
};

function variants(value: string): string[] {
  return [
    value,
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
    JSON.stringify(value).slice(1, -1),
  ];
}

function redactAuthorization(value: string): string {
  const aws = value.match(/^(AWS4-HMAC-SHA256 Credential=[^,]*, ?SignedHeaders=[^,]*, ?Signature=)/);
  if (aws) return `${aws[1]}${REDACTED}`;
  const scheme = value.match(/^([A-Za-z0-9_-]+) /);
  return scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
}

function redactPairs(query: string): string {
  return query
    .split("&")
    .map((pair) => {
      const [rawKey] = pair.split("=");
      let key = rawKey;
      try {
        key = decodeURIComponent(rawKey.replace(/\+/g, " "));
      } catch {
        // keep the raw key
      }
      return SECRET_PARAMS.has(key.toLowerCase()) ? `${rawKey}=${REDACTED}` : pair;
    })
    .join("&");
}

/**
 * Hides secrets in whatever the test panel shows: known secret headers and parameters by
 * name, and every occurrence of a secret value (plain, URL-encoded or JSON-escaped) anywhere,
 * because a peer may echo the request back in its response.
 */
export function createRedactor(secretValues: string[]): Redactor {
  const needles = [
    ...new Set(secretValues.filter((v) => v.length >= MIN_SCRUB_LENGTH).flatMap(variants)),
  ].sort((a, b) => b.length - a.length);
  const text = (value: string) =>
    needles
      .reduce((out, needle) => out.split(needle).join(REDACTED), value)
      .replace(SECRET_JSON_FIELDS, `$1"${REDACTED}"`);
  return {
    text,
    headers(headers, secretHeaderNames = []) {
      const extra = new Set(secretHeaderNames.map((n) => n.toLowerCase()));
      return Object.fromEntries(
        Object.entries(headers).map(([name, value]) => {
          const lower = name.toLowerCase();
          if (lower === "authorization" || lower === "proxy-authorization")
            return [name, redactAuthorization(value)];
          if (SECRET_HEADERS.has(lower) || extra.has(lower)) return [name, REDACTED];
          return [name, text(value)];
        }),
      );
    },
    url(url) {
      const hashless = url.split("#")[0];
      const index = hashless.indexOf("?");
      if (index < 0) return text(hashless);
      return text(`${hashless.slice(0, index)}?${redactPairs(hashless.slice(index + 1))}`);
    },
    formBody(body) {
      return text(redactPairs(body));
    },
  };
}
