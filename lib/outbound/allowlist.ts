import ipaddr from "ipaddr.js";
import { classifyAddress, parseStrictIp, type AddressVerdict } from "./address-guard";
import { configFrom, type Env } from "../config";

export const ALLOWLIST_ENV = "WORKBENCH_OUTBOUND_ALLOW";

type CidrEntry = { text: string; range: [ipaddr.IPv4 | ipaddr.IPv6, number] };

/** Destinations a self-hoster explicitly permits although they are internal. */
export type OutboundAllowlist = { cidrs: CidrEntry[]; hosts: string[] };

export const EMPTY_ALLOWLIST: OutboundAllowlist = { cidrs: [], hosts: [] };

const HOST_PATTERN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

function parseEntry(entry: string): CidrEntry | string {
  if (entry.includes("/")) {
    const [address, bits] = entry.split("/");
    const ip = parseStrictIp(address);
    const prefix = Number(bits);
    const max = ip?.kind() === "ipv4" ? 32 : 128;
    if (!ip || !/^\d{1,3}$/.test(bits) || prefix > max)
      throw new Error(`"${entry}" is not a valid CIDR range`);
    return { text: entry, range: [ip, prefix] };
  }
  const ip = parseStrictIp(entry);
  if (ip) return { text: entry, range: [ip, ip.kind() === "ipv4" ? 32 : 128] };
  const host = entry.toLowerCase().replace(/\.$/, "");
  // A numeric last label would be read as an (odd-notation) IPv4 address, never as a name.
  if (!HOST_PATTERN.test(host) || /(^|\.)(\d+|0x[0-9a-f]+)$/.test(host))
    throw new Error(`"${entry}" is neither an IP address, a CIDR range nor a host name`);
  return host;
}

/** `127.0.0.0/8, ::1, intranet.example, *.corp.example` → allowlist; throws with the bad entry. */
export function parseAllowlist(text: string): OutboundAllowlist {
  const list: OutboundAllowlist = { cidrs: [], hosts: [] };
  for (const entry of text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const parsed = parseEntry(entry);
    if (typeof parsed === "string") list.hosts.push(parsed);
    else list.cidrs.push(parsed);
  }
  return list;
}

let cached: { text: string; list: OutboundAllowlist } | null = null;

/** The allowlist from WORKBENCH_OUTBOUND_ALLOW, re-parsed only when the variable changes. */
export function allowlistFromEnv(env?: Env): OutboundAllowlist {
  const text = configFrom(env).outbound.allow;
  if (cached?.text !== text) {
    try {
      cached = { text, list: parseAllowlist(text) };
    } catch (error) {
      throw new Error(`${ALLOWLIST_ENV}: ${(error as Error).message}`);
    }
  }
  return cached.list;
}

export function isHostAllowlisted(hostname: string, list: OutboundAllowlist): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return list.hosts.some((entry) =>
    entry.startsWith("*.") ? host.endsWith(entry.slice(1)) : host === entry,
  );
}

function matchingCidr(ip: ipaddr.IPv4 | ipaddr.IPv6, list: OutboundAllowlist): CidrEntry | undefined {
  return list.cidrs.find((entry) => ip.kind() === entry.range[0].kind() && ip.match(entry.range));
}

export const CONFINE_ENV = "WORKBENCH_OUTBOUND_CONFINE_TO_LOOPBACK";

/**
 * The test suite's confinement: with WORKBENCH_OUTBOUND_CONFINE_TO_LOOPBACK=1 nothing leaves
 * the machine — no address outside loopback, and no DNS query but for "localhost" — so a test
 * slip (a form left at its STS default, say) fails instead of reaching another host.
 */
export function confinedToLoopback(env?: Env): boolean {
  return configFrom(env).outbound.confineToLoopback;
}

function isLoopback(ip: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress())
    return (ip as ipaddr.IPv6).toIPv4Address().range() === "loopback";
  return ip.range() === "loopback";
}

/** The address guard with the allowlist applied: the one check every outbound connection passes. */
export function checkAddress(address: string, list: OutboundAllowlist): AddressVerdict {
  if (confinedToLoopback()) {
    const ip = parseStrictIp(address);
    if (!ip || !isLoopback(ip))
      return {
        allowed: false,
        reason: `outside loopback, and ${CONFINE_ENV}=1 confines outbound requests to it`,
      };
  }
  const verdict = classifyAddress(address);
  if (verdict.allowed) return verdict;
  const ip = parseStrictIp(address);
  if (!ip) return verdict;
  // An IPv4-mapped IPv6 address reaches the same host as its IPv4 form.
  const forms =
    ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()
      ? [ip, (ip as ipaddr.IPv6).toIPv4Address()]
      : [ip];
  const hit = forms.map((form) => matchingCidr(form, list)).find(Boolean);
  return hit
    ? { allowed: true, reason: `${verdict.reason}, allowed by ${ALLOWLIST_ENV} (${hit.text})` }
    : verdict;
}
