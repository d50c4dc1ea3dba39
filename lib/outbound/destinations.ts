import { MAX_DESTINATIONS } from "./destination-limits";
import { parseOutboundUrl } from "./outbound-url";

// Where a saved secret may be sent. A credential carries a list of allowed destinations and
// every use of it (test, Send Request, webhook delivery, premium test) is checked against the
// list before any connection is made. Pure: no network, no clock.
//
// A destination is an origin, optionally with a path prefix:
//   https://api.example.com            any path on that origin (port 443)
//   https://api.example.com:8443/v2    /v2 and below on port 8443 (not /v2beta)
//   https://*.example.com              any subdomain of example.com (not example.com itself)

export type Destination = {
  /** The destination as the user should read it (normalised). */
  text: string;
  scheme: "http:" | "https:";
  /** Lower-case host, or the part after "*." for a wildcard. */
  host: string;
  wildcard: boolean;
  port: number;
  /** "/" or a prefix without a trailing slash, e.g. "/v2". */
  pathPrefix: string;
};

export type DestinationParse = { ok: true; destination: Destination } | { ok: false; message: string };

export { MAX_DESTINATIONS } from "./destination-limits";

const WILDCARD_LABEL = "*.";

/** Parses one allowed destination; the message says what is wrong in words. */
export function parseDestination(input: string): DestinationParse {
  const text = input.trim();
  if (!text) return { ok: false, message: "Enter a destination such as https://api.example.com." };
  const schemeEnd = text.indexOf("://");
  const afterScheme = schemeEnd >= 0 ? text.slice(schemeEnd + 3) : "";
  const wildcard = afterScheme.startsWith(WILDCARD_LABEL);
  // The URL parser does not accept "*" in a host: check the rest with a placeholder label.
  const probe = wildcard
    ? `${text.slice(0, schemeEnd + 3)}wildcard-placeholder.${afterScheme.slice(WILDCARD_LABEL.length)}`
    : text;
  const parsed = parseOutboundUrl(probe);
  if (!parsed.ok) return { ok: false, message: `"${text.slice(0, 200)}": ${parsed.message}` };
  const { url, port } = parsed.target;
  if (url.search || text.includes("#"))
    return {
      ok: false,
      message: `"${text.slice(0, 200)}": a destination is an origin with an optional path, without ? or #.`,
    };
  if (afterScheme.slice(wildcard ? WILDCARD_LABEL.length : 0).includes("*"))
    return {
      ok: false,
      message: `"${text.slice(0, 200)}": a wildcard is allowed only as the first label, as in https://*.example.com.`,
    };
  let host = parsed.target.hostname;
  if (wildcard) {
    host = host.slice("wildcard-placeholder.".length);
    if (!host.includes(".") || parsed.target.ipLiteral !== null)
      return {
        ok: false,
        message: `"${text.slice(0, 200)}": a wildcard needs a domain with at least two labels, as in https://*.example.com.`,
      };
  }
  const pathPrefix = url.pathname === "/" ? "/" : url.pathname.replace(/\/+$/, "") || "/";
  const scheme = url.protocol as Destination["scheme"];
  const defaultPort = scheme === "https:" ? 443 : 80;
  const hostText = parsed.target.ipLiteral?.includes(":") ? `[${host}]` : host;
  const normalised = `${scheme}//${wildcard ? WILDCARD_LABEL : ""}${hostText}${port === defaultPort ? "" : `:${port}`}${pathPrefix === "/" ? "" : pathPrefix}`;
  return { ok: true, destination: { text: normalised, scheme, host, wildcard, port, pathPrefix } };
}

export type DestinationListParse =
  { ok: true; destinations: Destination[] } | { ok: false; message: string; index: number };

/** Parses a list, refusing an empty one, duplicates and more than MAX_DESTINATIONS entries. */
export function parseDestinations(inputs: readonly string[]): DestinationListParse {
  if (inputs.length === 0)
    return { ok: false, index: 0, message: "Add at least one destination this credential may be sent to." };
  if (inputs.length > MAX_DESTINATIONS)
    return { ok: false, index: MAX_DESTINATIONS, message: `Use at most ${MAX_DESTINATIONS} destinations.` };
  const destinations: Destination[] = [];
  for (const [index, input] of inputs.entries()) {
    const parsed = parseDestination(input);
    if (!parsed.ok) return { ok: false, index, message: parsed.message };
    if (destinations.some((d) => d.text === parsed.destination.text))
      return { ok: false, index, message: `${parsed.destination.text} is listed twice.` };
    destinations.push(parsed.destination);
  }
  return { ok: true, destinations };
}

function hostMatches(destination: Destination, hostname: string): boolean {
  if (!destination.wildcard) return hostname === destination.host;
  return hostname.length > destination.host.length && hostname.endsWith(`.${destination.host}`);
}

function pathMatches(prefix: string, pathname: string): boolean {
  return prefix === "/" || pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/** Whether one destination admits a URL (after WHATWG normalisation: dot segments, IPv4 notations). */
export function destinationAdmits(destination: Destination, url: string | URL): boolean {
  const parsed = parseOutboundUrl(url);
  if (!parsed.ok) return false;
  const { target } = parsed;
  return (
    target.url.protocol === destination.scheme &&
    target.port === destination.port &&
    hostMatches(destination, target.hostname) &&
    pathMatches(destination.pathPrefix, target.url.pathname)
  );
}

export type DestinationVerdict = { allowed: true } | { allowed: false; message: string };

/**
 * Whether a credential whose allowed destinations are `destinations` may be sent to `url`.
 * The refusal names the allowed destinations, so the user knows what to change.
 */
export function checkDestination(
  destinations: readonly Destination[],
  url: string | URL,
  credentialName = "This credential",
): DestinationVerdict {
  if (destinations.some((destination) => destinationAdmits(destination, url))) return { allowed: true };
  const parsed = parseOutboundUrl(url);
  const shown = parsed.ok ? parsed.target.url.href : String(url);
  const list = destinations.map((d) => d.text).join(", ");
  return {
    allowed: false,
    message:
      destinations.length === 0
        ? `${credentialName} has no allowed destinations yet, so it is not sent anywhere. Add the destination in its settings.`
        : `${credentialName} may only be sent to ${list}; ${shown.slice(0, 200)} is not among them. Nothing was sent.`,
  };
}

/** The destination to propose for a URL the user typed (e.g. an OAuth Identity URL): its origin. */
export function originDestination(url: string): string | null {
  const parsed = parseOutboundUrl(url);
  return parsed.ok ? parsed.target.url.origin : null;
}
