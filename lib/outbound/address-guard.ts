import ipaddr from "ipaddr.js";

/** Whether an outbound connection to an address may proceed, and why (shown to the user). */
export type AddressVerdict = { allowed: boolean; reason: string };

type Range = { cidr: string; reason: string };

// Every IPv4 range that is not ordinary public unicast (IANA special-purpose registry).
// Order matters: the first match gives the reason.
const IPV4_BLOCKED: Range[] = [
  { cidr: "169.254.169.254/32", reason: "cloud metadata endpoint (link-local)" },
  { cidr: "255.255.255.255/32", reason: "broadcast" },
  { cidr: "0.0.0.0/8", reason: "unspecified ('this network')" },
  { cidr: "10.0.0.0/8", reason: "private network" },
  { cidr: "100.64.0.0/10", reason: "carrier-grade NAT (shared address space)" },
  { cidr: "127.0.0.0/8", reason: "loopback" },
  { cidr: "169.254.0.0/16", reason: "link-local" },
  { cidr: "172.16.0.0/12", reason: "private network" },
  { cidr: "192.0.0.0/24", reason: "IETF protocol assignments" },
  { cidr: "192.0.2.0/24", reason: "documentation (TEST-NET-1)" },
  { cidr: "192.31.196.0/24", reason: "AS112 service" },
  { cidr: "192.52.193.0/24", reason: "AMT relay" },
  { cidr: "192.88.99.0/24", reason: "6to4 relay anycast (deprecated)" },
  { cidr: "192.168.0.0/16", reason: "private network" },
  { cidr: "192.175.48.0/24", reason: "AS112 service" },
  { cidr: "198.18.0.0/15", reason: "benchmarking" },
  { cidr: "198.51.100.0/24", reason: "documentation (TEST-NET-2)" },
  { cidr: "203.0.113.0/24", reason: "documentation (TEST-NET-3)" },
  { cidr: "224.0.0.0/4", reason: "multicast" },
  { cidr: "240.0.0.0/4", reason: "reserved" },
];

// IPv6: only global unicast (2000::/3) is reachable, minus its special blocks. Ranges that
// embed an IPv4 address are judged by that address (see EMBEDDING below).
const IPV6_BLOCKED: Range[] = [
  { cidr: "::/128", reason: "unspecified" },
  { cidr: "::1/128", reason: "loopback" },
  { cidr: "::/96", reason: "IPv4-compatible (deprecated)" },
  { cidr: "64:ff9b:1::/48", reason: "local-use NAT64" },
  { cidr: "100::/64", reason: "discard-only" },
  { cidr: "2001::/32", reason: "Teredo tunnelling" },
  { cidr: "2001:db8::/32", reason: "documentation" },
  { cidr: "2001::/23", reason: "IETF protocol assignments" },
  { cidr: "3fff::/20", reason: "documentation" },
  { cidr: "5f00::/16", reason: "segment routing (SRv6)" },
  { cidr: "fc00::/7", reason: "unique-local (private network)" },
  { cidr: "fe80::/10", reason: "link-local" },
  { cidr: "fec0::/10", reason: "site-local (deprecated)" },
  { cidr: "ff00::/8", reason: "multicast" },
];

type Embedding = { cidr: string; label: string; extract: (bytes: number[]) => number[] };

const EMBEDDING: Embedding[] = [
  { cidr: "::ffff:0:0/96", label: "IPv4-mapped", extract: (b) => b.slice(12, 16) },
  { cidr: "::ffff:0:0:0/96", label: "IPv4-translated", extract: (b) => b.slice(12, 16) },
  { cidr: "64:ff9b::/96", label: "NAT64", extract: (b) => b.slice(12, 16) },
  { cidr: "2002::/16", label: "6to4", extract: (b) => b.slice(2, 6) },
];

type Parsed<T> = { range: [T, number]; reason: string };
const v4Blocked: Parsed<ipaddr.IPv4>[] = IPV4_BLOCKED.map((r) => ({
  range: ipaddr.IPv4.parseCIDR(r.cidr),
  reason: r.reason,
}));
const v6Blocked: Parsed<ipaddr.IPv6>[] = IPV6_BLOCKED.map((r) => ({
  range: ipaddr.IPv6.parseCIDR(r.cidr),
  reason: r.reason,
}));
const v6Embedding = EMBEDDING.map((e) => ({ ...e, range: ipaddr.IPv6.parseCIDR(e.cidr) }));
const globalUnicast = ipaddr.IPv6.parseCIDR("2000::/3");

/** Parses only canonical textual forms: dotted-quad IPv4 (no octal/hex/short forms) or IPv6. */
export function parseStrictIp(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const value = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) {
    // isValidFourPartDecimal still accepts leading zeros, which some stacks read as octal.
    return value.split(".").some((part) => part.length > 1 && part.startsWith("0"))
      ? null
      : ipaddr.IPv4.parse(value);
  }
  if (!value.includes(":") || !/^[0-9a-fA-F:.]+$/.test(value)) return null;
  // The WHATWG serialiser gives the canonical hex form; ipaddr.js alone would read the
  // deprecated `::1.2.3.4` as IPv4-mapped (`::ffff:1.2.3.4`), which it is not.
  let canonical: string;
  try {
    canonical = new URL(`http://[${value}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
  return ipaddr.IPv6.isValid(canonical) ? ipaddr.IPv6.parse(canonical) : null;
}

function classifyV4(ip: ipaddr.IPv4): AddressVerdict {
  const hit = v4Blocked.find((r) => ip.match(r.range));
  return hit ? { allowed: false, reason: hit.reason } : { allowed: true, reason: "public address" };
}

function classifyV6(ip: ipaddr.IPv6): AddressVerdict {
  const embedding = v6Embedding.find((e) => ip.match(e.range));
  if (embedding) {
    const inner = classifyV4(new ipaddr.IPv4(embedding.extract(ip.toByteArray())));
    return inner.allowed
      ? inner
      : { allowed: false, reason: `${embedding.label} address embedding ${inner.reason}` };
  }
  const hit = v6Blocked.find((r) => ip.match(r.range));
  if (hit) return { allowed: false, reason: hit.reason };
  if (!ip.match(globalUnicast)) return { allowed: false, reason: "reserved (not global unicast)" };
  return { allowed: true, reason: "public address" };
}

/** Pure: is an IP literal a public destination? Anything that is not a strict IP is refused. */
export function classifyAddress(ip: string): AddressVerdict {
  const parsed = parseStrictIp(ip);
  if (!parsed) return { allowed: false, reason: "not a canonical IP address" };
  return parsed.kind() === "ipv4" ? classifyV4(parsed as ipaddr.IPv4) : classifyV6(parsed as ipaddr.IPv6);
}
