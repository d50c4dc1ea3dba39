// Where a saved credential may be sent, as stored on the credential. Pure (no database, no
// network); the guard built from it is applied by ./use before any connection is made.
import {
  checkDestination,
  originDestination,
  parseDestination,
  parseDestinations,
  type Destination,
  type DestinationVerdict,
} from "../outbound/destinations";
import { DomainError } from "../result";

export type DestinationRow = { type: string; config: string; allowedDestinations: string | null };

function identityUrlOf(config: string): string | null {
  try {
    const value: unknown = JSON.parse(config);
    const url = (value as { identityUrl?: unknown } | null)?.identityUrl;
    return typeof url === "string" ? url : null;
  } catch {
    return null;
  }
}

/**
 * The destinations a credential may be sent to, as texts. A row saved before destinations
 * existed has none stored (null): an OAuth credential then keeps the origin of its Identity URL
 * (where its secret already went), any other kind goes nowhere until a destination is added.
 */
export function storedDestinations(row: DestinationRow): string[] {
  if (row.allowedDestinations !== null) {
    try {
      const value: unknown = JSON.parse(row.allowedDestinations);
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
    } catch {
      return [];
    }
  }
  if (row.type !== "oauth_client_credentials") return [];
  const identityUrl = identityUrlOf(row.config);
  const origin = identityUrl ? originDestination(identityUrl) : null;
  return origin ? [origin] : [];
}

/** The parsed destinations of stored texts (an unparsable entry admits nothing). */
export function destinationsOf(texts: readonly string[]): Destination[] {
  return texts.flatMap((text) => {
    const parsed = parseDestination(text);
    return parsed.ok ? [parsed.destination] : [];
  });
}

/** The normalised texts to store for what the form sent; refuses what the form schema would. */
export function normaliseDestinations(inputs: readonly string[]): string[] {
  const parsed = parseDestinations(inputs);
  if (!parsed.ok)
    throw new DomainError("Please correct the highlighted fields.", "invalid", {
      allowedDestinations: parsed.message,
    });
  return parsed.destinations.map((d) => d.text);
}

export function sameDestinations(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  return a.length === b.length && b.every((text) => left.has(text));
}

export type Admit = (url: string | URL) => DestinationVerdict;

/** The check every use of a credential goes through, naming the credential in its refusal. */
export function admitFor(name: string, texts: readonly string[]): Admit {
  const destinations = destinationsOf(texts);
  return (url) => checkDestination(destinations, url, `The credential "${name}"`);
}
