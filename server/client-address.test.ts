import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../lib/config";
import { clientAddress, trustFunction } from "./client-address";

const request = (socket: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: socket },
    connection: { remoteAddress: socket },
    headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
  }) as unknown as IncomingMessage;

const trust = (value: string | undefined) =>
  trustFunction(parseConfig({ WORKBENCH_TRUST_PROXY: value }).trustProxy);

describe("WORKBENCH_TRUST_PROXY", () => {
  it("takes a number of proxies or their addresses and ranges", () => {
    expect(parseConfig({}).trustProxy).toEqual({ kind: "none" });
    expect(parseConfig({ WORKBENCH_TRUST_PROXY: "0" }).trustProxy).toEqual({ kind: "none" });
    expect(parseConfig({ WORKBENCH_TRUST_PROXY: "1" }).trustProxy).toEqual({ kind: "hops", hops: 1 });
    expect(parseConfig({ WORKBENCH_TRUST_PROXY: "2" }).trustProxy).toEqual({ kind: "hops", hops: 2 });
    expect(parseConfig({ WORKBENCH_TRUST_PROXY: "10.0.0.0/8, 192.0.2.7,::1" }).trustProxy).toEqual({
      kind: "cidrs",
      cidrs: ["10.0.0.0/8", "192.0.2.7", "::1"],
    });
  });

  it("refuses what is neither, naming the bad entries", () => {
    expect(() => parseConfig({ WORKBENCH_TRUST_PROXY: "yes" })).toThrow(
      /WORKBENCH_TRUST_PROXY must be a number of proxies .* not an address or range: yes/,
    );
    expect(() => parseConfig({ WORKBENCH_TRUST_PROXY: "10.0.0.0/33,10.1.2.3" })).toThrow(
      /not an address or range: 10\.0\.0\.0\/33/,
    );
  });
});

describe("clientAddress", () => {
  it("is the socket's peer when no proxy is trusted, whatever the header says", () => {
    expect(clientAddress(request("127.0.0.9", "198.51.100.1"), trust(undefined))).toBe("127.0.0.9");
  });

  it("behind one load balancer, is the address the balancer appended, not one the client wrote", () => {
    // The client sent "X-Forwarded-For: 198.51.100.1"; the balancer appended the real address.
    expect(clientAddress(request("127.0.0.2", "198.51.100.1, 127.0.0.50"), trust("1"))).toBe("127.0.0.50");
    expect(clientAddress(request("127.0.0.2", "127.0.0.50"), trust("1"))).toBe("127.0.0.50");
    // Without a header (a direct hit on the instance) the peer is all there is.
    expect(clientAddress(request("127.0.0.2"), trust("1"))).toBe("127.0.0.2");
  });

  it("skips trusted proxies by address from the right", () => {
    const byRange = trust("127.0.0.0/24,10.0.0.0/8");
    expect(clientAddress(request("127.0.0.2", "198.51.100.1, 203.0.113.5, 10.1.1.1"), byRange)).toBe(
      "203.0.113.5",
    );
    // A peer that is not a trusted proxy is the client, and its header is ignored.
    expect(clientAddress(request("127.0.1.2", "198.51.100.1"), byRange)).toBe("127.0.1.2");
  });
});

describe("security headers", () => {
  it("add HSTS only when the public URL is https", async () => {
    const { baseSecurityHeaders, consoleContentSecurityPolicy } = await import("./security-headers");
    expect(baseSecurityHeaders("http://localhost:3000")["Strict-Transport-Security"]).toBeUndefined();
    expect(baseSecurityHeaders("https://wb.example.com")["Strict-Transport-Security"]).toBe(
      "max-age=63072000; includeSubDomains",
    );
    expect(consoleContentSecurityPolicy("abc", "https://wb.example.com")).toContain(
      "script-src 'self' 'nonce-abc' 'strict-dynamic'",
    );
    expect(consoleContentSecurityPolicy("abc", "https://wb.example.com")).toContain(
      "upgrade-insecure-requests",
    );
    expect(consoleContentSecurityPolicy("abc", "http://localhost:3000")).not.toContain(
      "upgrade-insecure-requests",
    );
  });
});
