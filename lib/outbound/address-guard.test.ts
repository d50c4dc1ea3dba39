import { describe, expect, it } from "vitest";
import { classifyAddress, parseStrictIp } from "./address-guard";
import { parseOutboundUrl } from "./outbound-url";

// Pure tests only: no packet is ever sent to any of these addresses.

/** A small deterministic PRNG so property-style tests are reproducible. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dotted = (n: number) => [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join(".");

// An independent oracle for IPv4: integer arithmetic over the blocked prefixes.
const BLOCKED_V4: [string, number][] = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.31.196.0", 24],
  ["192.52.193.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["192.175.48.0", 24],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];
const toInt = (text: string) => text.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
function oracleBlocked(n: number): boolean {
  return BLOCKED_V4.some(
    ([base, prefix]) => Math.floor(n / 2 ** (32 - prefix)) === Math.floor(toInt(base) / 2 ** (32 - prefix)),
  );
}

describe("classifyAddress: IPv4", () => {
  const cases: [string, boolean, RegExp?][] = [
    ["127.0.0.1", false, /loopback/],
    ["127.255.255.254", false, /loopback/],
    ["10.1.2.3", false, /private/],
    ["172.16.0.1", false, /private/],
    ["172.31.255.255", false, /private/],
    ["172.32.0.1", true],
    ["172.15.255.255", true],
    ["192.168.1.1", false, /private/],
    ["169.254.169.254", false, /metadata/],
    ["169.254.1.1", false, /link-local/],
    ["100.64.0.1", false, /carrier-grade/],
    ["100.127.255.255", false, /carrier-grade/],
    ["100.128.0.0", true],
    ["0.0.0.0", false, /unspecified/],
    ["0.1.2.3", false, /unspecified/],
    ["255.255.255.255", false, /broadcast/],
    ["224.0.0.1", false, /multicast/],
    ["239.255.255.250", false, /multicast/],
    ["240.0.0.1", false, /reserved/],
    ["192.0.2.10", false, /documentation/],
    ["198.51.100.7", false, /documentation/],
    ["203.0.113.9", false, /documentation/],
    ["198.18.0.1", false, /benchmarking/],
    ["198.19.255.255", false, /benchmarking/],
    ["192.0.0.8", false, /IETF/],
    ["192.88.99.1", false, /6to4/],
    ["8.8.8.8", true],
    ["1.1.1.1", true],
    ["93.184.216.34", true],
    ["11.0.0.1", true],
    ["126.255.255.255", true],
    ["128.0.0.1", true],
    ["223.255.255.255", true],
    ["192.169.0.1", true],
  ];
  it.each(cases)("%s → allowed=%s", (ip, allowed, reason) => {
    const verdict = classifyAddress(ip);
    expect(verdict.allowed).toBe(allowed);
    if (reason) expect(verdict.reason).toMatch(reason);
  });

  it("agrees with an integer oracle on 20,000 random addresses and every range boundary", () => {
    const random = prng(42);
    const samples = Array.from({ length: 20_000 }, () => Math.floor(random() * 2 ** 32));
    for (const [base, prefix] of BLOCKED_V4) {
      const start = toInt(base);
      const end = start + 2 ** (32 - prefix) - 1;
      samples.push(start, end, Math.max(0, start - 1), Math.min(2 ** 32 - 1, end + 1));
    }
    for (const n of samples) expect(classifyAddress(dotted(n)).allowed, dotted(n)).toBe(!oracleBlocked(n));
  });
});

describe("classifyAddress: IPv6", () => {
  const cases: [string, boolean, RegExp?][] = [
    ["::1", false, /loopback/],
    ["::", false, /unspecified/],
    ["fe80::1", false, /link-local/],
    ["febf::1", false, /link-local/],
    ["fc00::1", false, /unique-local/],
    ["fd12:3456::1", false, /unique-local/],
    ["fec0::1", false, /site-local/],
    ["ff02::1", false, /multicast/],
    ["2001:db8::1", false, /documentation/],
    ["3fff::1", false, /documentation/],
    ["2001::1", false, /Teredo/],
    ["2001:2::1", false, /IETF/],
    ["100::1", false, /discard/],
    ["64:ff9b:1::1", false, /NAT64/],
    ["::ffff:127.0.0.1", false, /IPv4-mapped.*loopback/],
    ["::ffff:7f00:1", false, /IPv4-mapped.*loopback/],
    ["::ffff:169.254.169.254", false, /metadata/],
    ["::ffff:10.0.0.1", false, /private/],
    ["::ffff:8.8.8.8", true],
    ["64:ff9b::127.0.0.1", false, /NAT64.*loopback/],
    ["64:ff9b::a00:1", false, /NAT64.*private/],
    ["64:ff9b::808:808", true],
    ["2002:7f00:1::", false, /6to4.*loopback/],
    ["2002:c0a8:101::1", false, /6to4.*private/],
    ["2002:808:808::1", true],
    ["::127.0.0.1", false, /IPv4-compatible/],
    ["::ffff:0:a00:1", false, /translated.*private/],
    ["4000::1", false, /reserved/],
    ["2606:4700:4700::1111", true],
    ["2a00:1450:4001:82a::200e", true],
    ["[2606:4700:4700::1111]", true],
  ];
  it.each(cases)("%s → allowed=%s", (ip, allowed, reason) => {
    const verdict = classifyAddress(ip);
    expect(verdict.allowed).toBe(allowed);
    if (reason) expect(verdict.reason).toMatch(reason);
  });

  it("judges every IPv4-embedding form exactly like the IPv4 address it embeds", () => {
    const random = prng(7);
    for (let i = 0; i < 5_000; i += 1) {
      const n = Math.floor(random() * 2 ** 32);
      const hex = [(n >>> 16).toString(16), (n & 0xffff).toString(16)];
      const expected = !oracleBlocked(n);
      for (const form of [
        `::ffff:${dotted(n)}`,
        `::ffff:${hex.join(":")}`,
        `64:ff9b::${hex.join(":")}`,
        `2002:${hex.join(":")}::1`,
      ]) {
        expect(classifyAddress(form).allowed, form).toBe(expected);
      }
    }
  });
});

describe("classifyAddress: not an address", () => {
  it.each([
    "",
    "localhost",
    "example.com",
    "127.1",
    "0177.0.0.1",
    "0x7f000001",
    "2130706433",
    "127.000.0.1",
    "1.2.3.256",
    "fe80::1%eth0",
    "::ffff:127.0.0.1:80",
    "1.2.3.4.5",
  ])("refuses %j (only canonical forms are judged)", (text) => {
    expect(classifyAddress(text)).toEqual({ allowed: false, reason: "not a canonical IP address" });
  });

  it("parses canonical forms only", () => {
    expect(parseStrictIp("8.8.8.8")?.toString()).toBe("8.8.8.8");
    expect(parseStrictIp("[::1]")?.toString()).toBe("::1");
    expect(parseStrictIp("08.8.8.8")).toBeNull();
  });
});

describe("odd IPv4 notations normalise to the address that is really dialled", () => {
  it.each([
    ["http://2130706433/", "127.0.0.1"],
    ["http://0177.0.0.1/", "127.0.0.1"],
    ["http://0x7f.0.0.1/", "127.0.0.1"],
    ["http://0x7f000001/", "127.0.0.1"],
    ["http://127.1/", "127.0.0.1"],
    ["http://127.0.1/", "127.0.0.1"],
    ["http://017700000001/", "127.0.0.1"],
    ["http://0xa9.0xfe.0xa9.0xfe/", "169.254.169.254"],
    ["http://2852039166/", "169.254.169.254"],
    ["http://10.1/", "10.0.0.1"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"],
    ["http://[0:0:0:0:0:0:0:1]/", "::1"],
    ["http://127.0.0.1./", "127.0.0.1"],
    ["http://%31%32%37.0.0.1/", "127.0.0.1"],
  ])("%s → %s (refused)", (url, address) => {
    const parsed = parseOutboundUrl(url);
    expect(parsed.ok && parsed.target.ipLiteral).toBe(address);
    expect(classifyAddress(address).allowed).toBe(false);
  });

  it("decimal, octal and hex spellings of random addresses classify like the dotted form", () => {
    const random = prng(99);
    for (let i = 0; i < 3_000; i += 1) {
      const n = Math.floor(random() * 2 ** 32);
      const octets = dotted(n).split(".").map(Number);
      const spellings = [
        String(n),
        octets.map((o) => `0${o.toString(8)}`).join("."),
        `0x${n.toString(16)}`,
        octets.map((o) => `0x${o.toString(16)}`).join("."),
      ];
      for (const spelling of spellings) {
        const parsed = parseOutboundUrl(`http://${spelling}/`);
        expect(parsed.ok && parsed.target.ipLiteral, spelling).toBe(dotted(n));
        if (parsed.ok) expect(classifyAddress(parsed.target.ipLiteral ?? "").allowed).toBe(!oracleBlocked(n));
      }
    }
  });
});
