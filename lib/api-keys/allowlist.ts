import ipaddr from "ipaddr.js";

// An API key's IP allowlist. Entries are parsed with ipaddr.js and kept as plain data (family,
// bytes, prefix length) so the compiled form can sit in the process-wide key cache, which may
// be read by another bundled copy of this module.

export type AllowlistRange = { family: "ipv4" | "ipv6"; bytes: number[]; prefix: number };

export type AllowlistParse =
  { ok: true; normalized: string; range: AllowlistRange } | { ok: false; error: string };

function networkBytes(bytes: number[], prefix: number): number[] {
  return bytes.map((byte, i) => {
    const bitsHere = Math.max(0, Math.min(8, prefix - i * 8));
    const mask = bitsHere === 0 ? 0 : (0xff << (8 - bitsHere)) & 0xff;
    return byte & mask;
  });
}

function toRange(address: ipaddr.IPv4 | ipaddr.IPv6, prefix: number): AllowlistRange {
  const family = address.kind();
  const bytes = networkBytes(address.toByteArray(), prefix);
  return { family, bytes, prefix };
}

function rangeText(range: AllowlistRange): string {
  const address = ipaddr.fromByteArray(range.bytes).toString();
  const full = range.family === "ipv4" ? 32 : 128;
  return range.prefix === full ? address : `${address}/${range.prefix}`;
}

/**
 * Parses one entry: an IPv4/IPv6 address or a CIDR range. An IPv4-mapped IPv6 address is
 * treated as the IPv4 address; host bits of a range are cleared (10.0.0.7/24 → 10.0.0.0/24).
 */
export function parseAllowlistEntry(input: string): AllowlistParse {
  const text = input.trim();
  const error = `"${text.slice(0, 60)}" is not an IPv4/IPv6 address or CIDR range`;
  if (!text || text.length > 60 || text.includes("%")) return { ok: false, error };
  // IPv4 only in dotted four-part decimal: ipaddr.js also accepts "127.1" or hex parts,
  // which nobody means to type into an allowlist.
  const v4 = !text.includes(":");
  try {
    if (text.includes("/")) {
      const valid = v4 ? ipaddr.IPv4.isValidCIDRFourPartDecimal(text) : ipaddr.IPv6.isValidCIDR(text);
      if (!valid) return { ok: false, error };
      const [address, prefix] = ipaddr.parseCIDR(text);
      if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress() && prefix >= 96) {
        const range = toRange((address as ipaddr.IPv6).toIPv4Address(), prefix - 96);
        return { ok: true, normalized: rangeText(range), range };
      }
      const range = toRange(address, prefix);
      return { ok: true, normalized: rangeText(range), range };
    }
    const valid = v4 ? ipaddr.IPv4.isValidFourPartDecimal(text) : ipaddr.IPv6.isValid(text);
    if (!valid) return { ok: false, error };
    const address = ipaddr.process(text);
    const range = toRange(address, address.kind() === "ipv4" ? 32 : 128);
    return { ok: true, normalized: rangeText(range), range };
  } catch {
    return { ok: false, error };
  }
}

export function compileAllowlist(entries: readonly string[]): AllowlistRange[] {
  const ranges: AllowlistRange[] = [];
  for (const entry of entries) {
    const parsed = parseAllowlistEntry(entry);
    if (parsed.ok) ranges.push(parsed.range);
  }
  return ranges;
}

function inRange(bytes: number[], range: AllowlistRange): boolean {
  let bits = range.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((bytes[i] & mask) !== range.bytes[i]) return false;
  }
  return true;
}

/** True when the caller's address is inside one of the ranges; an empty list allows everyone. */
export function ipAllowed(ranges: readonly AllowlistRange[], ip: string | null | undefined): boolean {
  if (ranges.length === 0) return true;
  if (!ip || !ipaddr.isValid(ip)) return false;
  const address = ipaddr.process(ip);
  const family = address.kind();
  const bytes = address.toByteArray();
  return ranges.some((range) => range.family === family && inRange(bytes, range));
}

/** A member's address as the allowlist editor shows it, and as an entry (null when it is not one). */
export function currentIpOf(ip: string | null): { address: string; entry: string | null } | null {
  if (!ip) return null;
  const parsed = parseAllowlistEntry(ip);
  return { address: ip, entry: parsed.ok ? parsed.normalized : null };
}
