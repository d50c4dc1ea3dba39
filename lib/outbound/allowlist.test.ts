import { describe, expect, it } from "vitest";
import {
  allowlistFromEnv,
  checkAddress,
  EMPTY_ALLOWLIST,
  isHostAllowlisted,
  parseAllowlist,
} from "./allowlist";
import { parseOutboundUrl } from "./outbound-url";

describe("WORKBENCH_OUTBOUND_ALLOW", () => {
  const list = parseAllowlist(" 127.0.0.0/8, ::1 ,10.20.0.0/16, intranet.example, *.corp.example ");

  it("parses CIDR ranges, single addresses and host names", () => {
    expect(list.cidrs.map((c) => c.text)).toEqual(["127.0.0.0/8", "::1", "10.20.0.0/16"]);
    expect(list.hosts).toEqual(["intranet.example", "*.corp.example"]);
    expect(parseAllowlist("")).toEqual(EMPTY_ALLOWLIST);
  });

  it("rejects entries it cannot understand, naming them", () => {
    for (const bad of ["10.0.0.0/33", "::/129", "10.0.0/8", "0177.0.0.1", "bad host!", "1.2.3.4/x"]) {
      expect(() => parseAllowlist(bad)).toThrow(/is (not a valid CIDR range|neither)/);
    }
    expect(() => allowlistFromEnv({ WORKBENCH_OUTBOUND_ALLOW: "nope/1" })).toThrow(
      /^WORKBENCH_OUTBOUND_ALLOW: "nope\/1"/,
    );
  });

  it("lets allowlisted internal addresses through and says so", () => {
    expect(checkAddress("127.0.0.1", list)).toEqual({
      allowed: true,
      reason: "loopback, allowed by WORKBENCH_OUTBOUND_ALLOW (127.0.0.0/8)",
    });
    expect(checkAddress("::1", list).allowed).toBe(true);
    expect(checkAddress("::ffff:127.0.0.1", list).allowed).toBe(true);
    expect(checkAddress("10.20.3.4", list).allowed).toBe(true);
    expect(checkAddress("10.21.3.4", list)).toEqual({ allowed: false, reason: "private network" });
    expect(checkAddress("169.254.169.254", list).allowed).toBe(false);
    expect(checkAddress("8.8.8.8", EMPTY_ALLOWLIST).allowed).toBe(true);
    expect(checkAddress("127.0.0.1", EMPTY_ALLOWLIST).allowed).toBe(false);
  });

  it("matches host names exactly or by wildcard suffix, case-insensitively", () => {
    expect(isHostAllowlisted("INTRANET.example.", list)).toBe(true);
    expect(isHostAllowlisted("api.corp.example", list)).toBe(true);
    expect(isHostAllowlisted("corp.example", list)).toBe(false);
    expect(isHostAllowlisted("evilcorp.example", list)).toBe(false);
    expect(isHostAllowlisted("intranet.example.evil", list)).toBe(false);
  });
});

describe("parseOutboundUrl", () => {
  it("accepts http(s) and normalises the host", () => {
    const parsed = parseOutboundUrl("  HTTPS://API.Example.COM./v1/x?a=1#frag ");
    expect(parsed.ok && parsed.target).toMatchObject({
      hostname: "api.example.com",
      port: 443,
      secure: true,
      ipLiteral: null,
    });
    expect(parsed.ok && parsed.target.url.href).toBe("https://api.example.com./v1/x?a=1");
    const ipv6 = parseOutboundUrl("http://[2606:4700::1]:8080/");
    expect(ipv6.ok && ipv6.target).toMatchObject({
      hostname: "2606:4700::1",
      ipLiteral: "2606:4700::1",
      port: 8080,
    });
  });

  it.each([
    ["", /Enter a URL/],
    ["not a url", /not a valid URL/],
    ["ftp://example.com/", /Only http/],
    ["file:///etc/passwd", /Only http/],
    ["gopher://example.com/", /Only http/],
    ["javascript:alert(1)", /Only http/],
    ["http://user:pw@example.com/", /user name or password/],
    ["http://1.2.3.256/", /not a valid URL/],
    ["http://[::1/", /not a valid URL/],
    [`https://example.com/${"a".repeat(9000)}`, /longer than/],
  ])("refuses %j in plain words", (input, message) => {
    const parsed = parseOutboundUrl(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it("property: any http(s) URL it accepts round-trips through URL with the same host and port", () => {
    const hosts = [
      "example.com",
      "a.b.c.example",
      "8.8.8.8",
      "[2001:4860::8888]",
      "xn--bcher-kva.example",
      "127.0.0.1",
    ];
    const paths = ["", "/", "/a b", "/%2e%2e/x", "/?q=1&q=2", "/ü?x=ü"];
    for (const scheme of ["http", "https"]) {
      for (const host of hosts) {
        for (const port of ["", ":1", ":8443", ":65535"]) {
          for (const path of paths) {
            const parsed = parseOutboundUrl(`${scheme}://${host}${port}${path}`);
            expect(parsed.ok).toBe(true);
            if (!parsed.ok) continue;
            const again = new URL(parsed.target.url.href);
            expect(again.hostname.replace(/^\[|\]$/g, "")).toBe(parsed.target.hostname);
            expect(parsed.target.port).toBe(port ? Number(port.slice(1)) : scheme === "https" ? 443 : 80);
          }
        }
      }
    }
  });
});
