import http, { type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../lib/config";
import { trustFunction } from "./client-address";
import { arrivedOverHttps, secureCookies } from "./secure-cookies";

const request = (peer: string, proto?: string) =>
  ({
    socket: { remoteAddress: peer },
    headers: proto === undefined ? {} : { "x-forwarded-proto": proto },
  }) as unknown as IncomingMessage;
const trust = (value?: string) => trustFunction(parseConfig({ WORKBENCH_TRUST_PROXY: value }).trustProxy);

describe("arrivedOverHttps", () => {
  it("believes X-Forwarded-Proto only from a trusted proxy", () => {
    expect(arrivedOverHttps(request("127.0.0.2", "https"), trust(undefined))).toBe(false);
    expect(arrivedOverHttps(request("127.0.0.2", "https"), trust("1"))).toBe(true);
    expect(arrivedOverHttps(request("127.0.0.2", "http"), trust("1"))).toBe(false);
    // The nearest proxy's value counts, not one the client sent further left.
    expect(arrivedOverHttps(request("127.0.0.2", "https, http"), trust("1"))).toBe(false);
    expect(arrivedOverHttps(request("127.0.0.2", "https"), trust("10.0.0.0/8"))).toBe(false);
  });
});

describe("secureCookies", () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === "/secure") secureCookies(res);
      res.setHeader("set-cookie", ["session=abc; Path=/; HttpOnly", "pref=1; Secure; Path=/"]);
      res.appendHeader("set-cookie", "late=2; Path=/");
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("marks every cookie Secure once, including ones appended later", async () => {
    const cookies = (await fetch(`${base}/secure`)).headers.getSetCookie();
    expect(cookies).toEqual([
      "session=abc; Path=/; HttpOnly; Secure",
      "pref=1; Secure; Path=/",
      "late=2; Path=/; Secure",
    ]);
    const plain = (await fetch(`${base}/plain`)).headers.getSetCookie();
    expect(plain.every((c) => !/secure/i.test(c) || c.startsWith("pref="))).toBe(true);
  });
});
