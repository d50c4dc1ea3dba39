import { parseStrictIp } from "./address-guard";

export type OutboundTarget = {
  url: URL;
  /** Lower-case host name or IP literal, without IPv6 brackets or a trailing dot. */
  hostname: string;
  /** Set when the URL names an IP address directly (after WHATWG normalisation). */
  ipLiteral: string | null;
  port: number;
  secure: boolean;
};

export type UrlParseResult = { ok: true; target: OutboundTarget } | { ok: false; message: string };

const MAX_URL_LENGTH = 8192;

/**
 * Pure. Parses a URL for an outbound request with the WHATWG parser, which already turns
 * odd IPv4 notations (`2130706433`, `0177.0.0.1`, `0x7f.1`, `127.1`) into dotted quads,
 * so the address guard always sees the address that will really be connected to.
 */
export function parseOutboundUrl(input: string | URL): UrlParseResult {
  const text = typeof input === "string" ? input.trim() : input.href;
  if (text.length === 0) return { ok: false, message: "Enter a URL." };
  if (text.length > MAX_URL_LENGTH)
    return { ok: false, message: `The URL is longer than ${MAX_URL_LENGTH} characters.` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `"${text.slice(0, 200)}" is not a valid URL.` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, message: `Only http:// and https:// URLs can be used (got ${url.protocol}).` };
  }
  if (url.username || url.password) {
    return {
      ok: false,
      message: "URLs with a user name or password are not supported; use a Basic auth credential instead.",
    };
  }
  const hostname = url.hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
  if (!hostname) return { ok: false, message: "The URL has no host." };
  url.hash = "";
  const secure = url.protocol === "https:";
  const ip = parseStrictIp(hostname);
  return {
    ok: true,
    target: {
      url,
      hostname,
      ipLiteral: ip ? hostname : null,
      port: url.port ? Number(url.port) : secure ? 443 : 80,
      secure,
    },
  };
}
