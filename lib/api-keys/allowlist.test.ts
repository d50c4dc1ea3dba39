import { describe, expect, it } from "vitest";
import { compileAllowlist, ipAllowed, parseAllowlistEntry } from "./allowlist";
import { allowlistSchema } from "./schemas";

// Property-style: many random addresses and prefixes, checked against a bit-level model.
const rand = (n: number) => Math.floor(Math.random() * n);
const randomV4 = () => Array.from({ length: 4 }, () => rand(256));
const randomV6 = () => Array.from({ length: 8 }, () => rand(0x10000));
const v4Text = (o: number[]) => o.join(".");
const v6Text = (p: number[]) => p.map((x) => x.toString(16)).join(":");

function flipBit(bytes: number[], bit: number): number[] {
  const out = [...bytes];
  out[bit >> 3] ^= 0x80 >> (bit & 7);
  return out;
}
const v6Bytes = (parts: number[]) => parts.flatMap((p) => [p >> 8, p & 0xff]);
const bytesToV6 = (b: number[]) =>
  v6Text(Array.from({ length: 8 }, (_, i) => (b[2 * i] << 8) | b[2 * i + 1]));

describe("IP allowlist", () => {
  it("a CIDR range contains every address sharing its prefix and none differing inside it (IPv4)", () => {
    for (let i = 0; i < 500; i++) {
      const address = randomV4();
      const prefix = rand(33);
      const ranges = compileAllowlist([`${v4Text(address)}/${prefix}`]);
      expect(ranges).toHaveLength(1);
      expect(ipAllowed(ranges, v4Text(address))).toBe(true);
      if (prefix > 0) expect(ipAllowed(ranges, v4Text(flipBit(address, rand(prefix))))).toBe(false);
      if (prefix < 32)
        expect(ipAllowed(ranges, v4Text(flipBit(address, prefix + rand(32 - prefix))))).toBe(true);
    }
  });

  it("a CIDR range contains every address sharing its prefix and none differing inside it (IPv6)", () => {
    for (let i = 0; i < 300; i++) {
      const bytes = v6Bytes(randomV6());
      const prefix = rand(129);
      const ranges = compileAllowlist([`${bytesToV6(bytes)}/${prefix}`]);
      expect(ipAllowed(ranges, bytesToV6(bytes))).toBe(true);
      if (prefix > 0) expect(ipAllowed(ranges, bytesToV6(flipBit(bytes, rand(prefix))))).toBe(false);
      if (prefix < 128)
        expect(ipAllowed(ranges, bytesToV6(flipBit(bytes, prefix + rand(128 - prefix))))).toBe(true);
    }
  });

  it("normalizes: clears host bits, drops /32 and /128, compresses IPv6, maps ::ffff:a.b.c.d to IPv4", () => {
    const normalized = (text: string) => {
      const parsed = parseAllowlistEntry(text);
      return parsed.ok ? parsed.normalized : parsed.error;
    };
    expect(normalized("10.0.0.7/24")).toBe("10.0.0.0/24");
    expect(normalized(" 192.168.1.1/32 ")).toBe("192.168.1.1");
    expect(normalized("2001:DB8:0:0:0:0:0:1")).toBe("2001:db8::1");
    expect(normalized("2001:db8::1/128")).toBe("2001:db8::1");
    expect(normalized("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalized("::ffff:10.1.2.3/120")).toBe("10.1.2.0/24");
    expect(normalized("0.0.0.0/0")).toBe("0.0.0.0/0");
  });

  it("refuses anything that is not an address or a range", () => {
    for (const bad of [
      "",
      "localhost",
      "1.2.3",
      "127.1",
      "0x7f.0.0.1",
      "1.2.3.4/33",
      "1.2.3.4/-1",
      "::1/129",
      "fe80::1%eth0",
      "1.2.3.4/",
      "/24",
      "1.2.3.4 5.6.7.8",
      "999.1.1.1",
      "a".repeat(100),
    ]) {
      expect(parseAllowlistEntry(bad).ok, bad).toBe(false);
    }
  });

  it("matches families separately, IPv4-mapped callers as IPv4, and an empty list as everyone", () => {
    const ranges = compileAllowlist(["127.0.0.0/8", "::1"]);
    expect(ipAllowed(ranges, "127.0.0.1")).toBe(true);
    expect(ipAllowed(ranges, "::ffff:127.0.0.2")).toBe(true);
    expect(ipAllowed(ranges, "::1")).toBe(true);
    expect(ipAllowed(ranges, "::2")).toBe(false);
    expect(ipAllowed(ranges, "128.0.0.1")).toBe(false);
    expect(ipAllowed(ranges, "not an ip")).toBe(false);
    expect(ipAllowed(ranges, null)).toBe(false);
    expect(ipAllowed([], "203.0.113.9")).toBe(true);
  });

  it("the form schema splits text, de-duplicates and names the bad entry", () => {
    expect(allowlistSchema.parse("10.0.0.1, 10.0.0.1\n2001:db8::/32")).toEqual(["10.0.0.1", "2001:db8::/32"]);
    const result = allowlistSchema.safeParse(["10.0.0.1", "nope"]);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toContain('"nope" is not an IPv4/IPv6 address or CIDR range');
    expect(
      allowlistSchema.safeParse(Array.from({ length: 101 }, (_, i) => `10.0.0.${i % 250}`)).success,
    ).toBe(false);
  });
});
