import { describe, expect, it } from "vitest";
import {
  checkDestination,
  destinationAdmits,
  MAX_DESTINATIONS,
  originDestination,
  parseDestination,
  parseDestinations,
  type Destination,
} from "./destinations";

function dest(text: string): Destination {
  const parsed = parseDestination(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.destination;
}

describe("parseDestination", () => {
  it("normalises origins, ports, path prefixes and wildcards", () => {
    expect(dest("https://API.Example.com/").text).toBe("https://api.example.com");
    expect(dest("https://api.example.com:443").text).toBe("https://api.example.com");
    expect(dest("https://api.example.com:8443/v2/").text).toBe("https://api.example.com:8443/v2");
    expect(dest("http://127.0.0.1:4010").text).toBe("http://127.0.0.1:4010");
    expect(dest("http://[::1]:4010").text).toBe("http://[::1]:4010");
    expect(dest(" https://*.example.com ")).toMatchObject({
      text: "https://*.example.com",
      host: "example.com",
      wildcard: true,
      port: 443,
    });
  });

  it("refuses what is not an origin with an optional path, saying why", () => {
    const bad: [string, RegExp][] = [
      ["", /Enter a destination/],
      ["api.example.com", /not a valid URL/],
      ["ftp://example.com", /Only http/],
      ["https://user:pw@example.com", /user name or password/],
      ["https://example.com/?a=1", /without \? or #/],
      ["https://example.com/#x", /without \? or #/],
      ["https://api.*.example.com", /only as the first label/],
      ["https://*.com", /at least two labels/],
      ["https://*.example.com/*", /only as the first label/],
    ];
    for (const [input, message] of bad) {
      const parsed = parseDestination(input);
      expect(parsed.ok, input).toBe(false);
      if (!parsed.ok) expect(parsed.message, input).toMatch(message);
    }
  });
});

describe("parseDestinations", () => {
  it("needs at least one, refuses duplicates after normalisation and long lists", () => {
    expect(parseDestinations([])).toMatchObject({ ok: false, message: /at least one/ });
    expect(parseDestinations(["https://a.example", "https://A.example/"])).toMatchObject({
      ok: false,
      index: 1,
      message: "https://a.example is listed twice.",
    });
    const many = Array.from({ length: MAX_DESTINATIONS + 1 }, (_, i) => `https://h${i}.example`);
    expect(parseDestinations(many)).toMatchObject({ ok: false, message: /at most/ });
    expect(parseDestinations(["https://a.example", "nope"])).toMatchObject({ ok: false, index: 1 });
    const ok = parseDestinations(["https://a.example", "https://*.b.example/api"]);
    expect(ok.ok && ok.destinations.map((d) => d.text)).toEqual([
      "https://a.example",
      "https://*.b.example/api",
    ]);
  });
});

describe("destinationAdmits", () => {
  it("matches scheme, host and port exactly", () => {
    const d = dest("https://api.example.com");
    expect(destinationAdmits(d, "https://api.example.com/anything?x=1")).toBe(true);
    expect(destinationAdmits(d, "https://API.EXAMPLE.COM./x")).toBe(true);
    expect(destinationAdmits(d, "https://api.example.com:443/x")).toBe(true);
    expect(destinationAdmits(d, "http://api.example.com/x")).toBe(false);
    expect(destinationAdmits(d, "https://api.example.com:8443/x")).toBe(false);
    expect(destinationAdmits(d, "https://api.example.com.evil.test/x")).toBe(false);
    expect(destinationAdmits(d, "https://evilapi.example.com/x")).toBe(false);
    expect(destinationAdmits(d, "https://other.example.com/x")).toBe(false);
    expect(destinationAdmits(d, "https://user@api.example.com/x")).toBe(false);
    expect(destinationAdmits(d, "not a url")).toBe(false);
  });

  it("admits subdomains of a wildcard at any depth, never the bare domain or look-alikes", () => {
    const d = dest("https://*.example.com");
    expect(destinationAdmits(d, "https://a.example.com/")).toBe(true);
    expect(destinationAdmits(d, "https://a.b.example.com/")).toBe(true);
    expect(destinationAdmits(d, "https://example.com/")).toBe(false);
    expect(destinationAdmits(d, "https://badexample.com/")).toBe(false);
    expect(destinationAdmits(d, "https://a.example.com.evil.test/")).toBe(false);
  });

  it("matches a path prefix on segment boundaries, after dot segments are resolved", () => {
    const d = dest("https://api.example.com/v2");
    expect(destinationAdmits(d, "https://api.example.com/v2")).toBe(true);
    expect(destinationAdmits(d, "https://api.example.com/v2/cards")).toBe(true);
    expect(destinationAdmits(d, "https://api.example.com/v2beta")).toBe(false);
    expect(destinationAdmits(d, "https://api.example.com/v2/../admin")).toBe(false);
    expect(destinationAdmits(d, "https://api.example.com/v2/%2e%2e/admin")).toBe(false);
    expect(destinationAdmits(d, "https://api.example.com/v2%2F..%2Fadmin")).toBe(false);
    expect(destinationAdmits(d, "https://api.example.com/")).toBe(false);
  });

  it("compares IP addresses after the URL parser's normalisation", () => {
    const d = dest("http://127.0.0.1:4010");
    expect(destinationAdmits(d, "http://2130706433:4010/x")).toBe(true);
    expect(destinationAdmits(d, "http://127.1:4010/x")).toBe(true);
    expect(destinationAdmits(d, "http://127.0.0.2:4010/x")).toBe(false);
    expect(destinationAdmits(d, "http://localhost:4010/x")).toBe(false);
  });
});

describe("checkDestination", () => {
  const list = [dest("https://api.example.com"), dest("https://*.corp.example")];

  it("lets an admitted URL through", () => {
    expect(checkDestination(list, "https://x.corp.example/a")).toEqual({ allowed: true });
  });

  it("refuses with a message naming the allowed destinations and the refused URL", () => {
    expect(checkDestination(list, "https://attacker.test/steal", 'Credential "Billing"')).toEqual({
      allowed: false,
      message:
        'Credential "Billing" may only be sent to https://api.example.com, https://*.corp.example; https://attacker.test/steal is not among them. Nothing was sent.',
    });
  });

  it("refuses everything when the list is empty", () => {
    const verdict = checkDestination([], "https://api.example.com/");
    expect(verdict.allowed).toBe(false);
    expect(!verdict.allowed && verdict.message).toMatch(/no allowed destinations/);
  });
});

describe("originDestination", () => {
  it("proposes the origin of a URL the user typed", () => {
    expect(originDestination("https://login.example.com:8443/oauth2/token?x=1")).toBe(
      "https://login.example.com:8443",
    );
    expect(originDestination("not a url")).toBeNull();
  });
});
