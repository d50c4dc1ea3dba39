import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { parseAllowlist, EMPTY_ALLOWLIST } from "./allowlist";
import { redirectRequest, sendOutbound } from "./client";
import type { Resolver } from "./guarded-lookup";

// Every connection in this file goes to 127.0.0.1. Internal addresses elsewhere appear only
// as DNS answers or redirect targets, which the guard refuses before any connection is made.
const loopback = parseAllowlist("127.0.0.0/8");
let server: http.Server;
let base: string;

function handler(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? "/", "http://x");
  const hops = Number(url.searchParams.get("n") ?? 0);
  if (url.pathname === "/echo") {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ method: req.method, headers: req.headers, body }));
    });
    return;
  }
  if (url.pathname === "/chain") {
    res.writeHead(302, { location: hops > 0 ? `/chain?n=${hops - 1}` : "/echo" }).end();
    return;
  }
  if (url.pathname === "/see-other") return void res.writeHead(303, { location: "/echo" }).end();
  if (url.pathname === "/to")
    return void res.writeHead(307, { location: url.searchParams.get("u") ?? "/" }).end();
  if (url.pathname === "/big") {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("x".repeat(2 * 1024 * 1024));
    return;
  }
  if (url.pathname === "/hang") return; // never answers
  res.writeHead(404).end("not here");
}

beforeAll(async () => {
  server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const fakeDns =
  (answers: Record<string, string[]>): Resolver =>
  async (hostname) => {
    const addresses = answers[hostname];
    if (!addresses)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };

describe("sendOutbound against a loopback peer", () => {
  it("sends the request and reports status, headers, body and timing", async () => {
    const result = await sendOutbound(
      { method: "POST", url: `${base}/echo`, headers: { "x-test": "1" }, body: "hello" },
      { allowlist: loopback },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const echoed = JSON.parse(result.response.body.toString());
    expect(echoed).toMatchObject({ method: "POST", body: "hello", headers: { "x-test": "1" } });
    expect(result.response).toMatchObject({
      status: 200,
      truncated: false,
      remoteAddress: "127.0.0.1",
      redirects: [],
    });
    expect(result.response.headers["content-type"]).toBe("application/json");
    const { timing } = result.response;
    expect(timing.connectMs).not.toBeNull();
    expect(timing.tlsMs).toBeNull();
    expect(timing.firstByteMs).toBeGreaterThanOrEqual(timing.connectMs ?? 0);
    expect(timing.totalMs).toBeGreaterThanOrEqual(timing.firstByteMs ?? 0);
  });

  it("refuses loopback without the allowlist, before connecting", async () => {
    const result = await sendOutbound({ method: "GET", url: `${base}/echo` }, { allowlist: EMPTY_ALLOWLIST });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ kind: "blocked", timing: null });
    if (!result.ok)
      expect(result.error.message).toMatch(
        /^Refused by the address guard: 127\.0\.0\.1 is a loopback address/,
      );
  });

  it("resolves names through the guard and times the DNS phase", async () => {
    const port = new URL(base).port;
    const result = await sendOutbound(
      { method: "GET", url: `http://peer.test:${port}/echo` },
      { allowlist: loopback, resolver: fakeDns({ "peer.test": ["127.0.0.1"] }) },
    );
    expect(result.ok && result.response.timing.dnsMs).not.toBeNull();
    expect(result.ok && JSON.parse(result.response.body.toString()).headers.host).toBe(`peer.test:${port}`);
  });

  it("refuses a name resolving to an internal address, even mixed with allowed ones", async () => {
    const resolver = fakeDns({
      "internal.test": ["10.0.0.5"],
      "mixed.test": ["127.0.0.1", "169.254.169.254"],
      "v6.test": ["fd00::1"],
    });
    for (const [host, reason] of [
      ["internal.test", /10\.0\.0\.5\) is a private network/],
      ["mixed.test", /metadata/],
      ["v6.test", /unique-local/],
    ] as const) {
      const result = await sendOutbound(
        { method: "GET", url: `http://${host}/` },
        { allowlist: loopback, resolver },
      );
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.kind).toBe("blocked");
      if (!result.ok) expect(result.error.message).toMatch(reason);
    }
  });

  it("allows an allowlisted host name whatever it resolves to", async () => {
    const port = new URL(base).port;
    const result = await sendOutbound(
      { method: "GET", url: `http://intranet.test:${port}/echo` },
      { allowlist: parseAllowlist("intranet.test"), resolver: fakeDns({ "intranet.test": ["127.0.0.1"] }) },
    );
    expect(result.ok && result.response.status).toBe(200);
  });

  it("follows up to 5 redirects, then stops with a typed error", async () => {
    const ok = await sendOutbound({ method: "GET", url: `${base}/chain?n=3` }, { allowlist: loopback });
    expect(ok.ok && ok.response.redirects.map((r) => r.status)).toEqual([302, 302, 302, 302]);
    expect(ok.ok && ok.response.url).toBe(`${base}/echo`);
    const tooMany = await sendOutbound({ method: "GET", url: `${base}/chain?n=5` }, { allowlist: loopback });
    expect(!tooMany.ok && tooMany.error.kind).toBe("too_many_redirects");
    expect(!tooMany.ok && tooMany.error.redirects).toHaveLength(5);
    const none = await sendOutbound(
      { method: "GET", url: `${base}/chain?n=0` },
      { allowlist: loopback, followRedirects: false },
    );
    expect(none.ok && none.response.status).toBe(302);
  });

  it("re-checks every redirect target with the guard", async () => {
    for (const target of [
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.1/",
      "http://2130706434/",
      "http://[::1]:1/",
      "ftp://example.com/",
    ]) {
      const result = await sendOutbound(
        { method: "GET", url: `${base}/to?u=${encodeURIComponent(target)}` },
        { allowlist: parseAllowlist("127.0.0.1") },
      );
      expect(result.ok, target).toBe(false);
      if (!result.ok) expect(result.error.kind).toBe(target.startsWith("ftp") ? "invalid_url" : "blocked");
      if (!result.ok) expect(result.error.redirects).toHaveLength(1);
    }
  });

  it("turns POST into GET on 303 and drops the body", async () => {
    const result = await sendOutbound(
      { method: "POST", url: `${base}/see-other`, headers: { "content-type": "text/plain" }, body: "x" },
      { allowlist: loopback },
    );
    const echoed = result.ok ? JSON.parse(result.response.body.toString()) : null;
    expect(echoed).toMatchObject({ method: "GET", body: "" });
    expect(echoed.headers["content-type"]).toBeUndefined();
  });

  it("caps the response size and marks the body truncated", async () => {
    const result = await sendOutbound({ method: "GET", url: `${base}/big` }, { allowlist: loopback });
    expect(result.ok && result.response.body.length).toBe(1024 * 1024);
    expect(result.ok && result.response.truncated).toBe(true);
  });

  it("times out in plain words", async () => {
    const result = await sendOutbound(
      { method: "GET", url: `${base}/hang` },
      { allowlist: loopback, totalTimeoutMs: 300 },
    );
    expect(!result.ok && result.error.kind).toBe("timeout");
    expect(!result.ok && result.error.message).toMatch(
      /did not answer within 0\.3 s \(timed out while waiting for the response\)/,
    );
  });

  it("reports a refused connection, a DNS failure and a TLS failure as typed values", async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await sendOutbound(
      { method: "GET", url: `http://127.0.0.1:${port}/` },
      { allowlist: loopback },
    );
    expect(!refused.ok && refused.error).toMatchObject({
      kind: "refused",
      message: `The connection to 127.0.0.1:${port} was refused; nothing is listening there.`,
    });
    const dns = await sendOutbound(
      { method: "GET", url: "http://no-such-host.test/" },
      { allowlist: loopback, resolver: fakeDns({}) },
    );
    expect(!dns.ok && dns.error.kind).toBe("dns");
    expect(!dns.ok && dns.error.message).toMatch(/no-such-host\.test could not be resolved/);
    const tls = await sendOutbound(
      { method: "GET", url: `${base.replace("http:", "https:")}/echo` },
      { allowlist: loopback },
    );
    expect(!tls.ok && tls.error.kind).toBe("tls");
    expect(!tls.ok && tls.error.message).toMatch(/TLS \(https\) connection to 127\.0\.0\.1:\d+ failed/);
  });

  it("reports a bad allowlist setting as a configuration error", async () => {
    const previous = process.env.WORKBENCH_OUTBOUND_ALLOW;
    process.env.WORKBENCH_OUTBOUND_ALLOW = "10.0.0.0/99";
    const result = await sendOutbound({ method: "GET", url: `${base}/echo` });
    if (previous === undefined) delete process.env.WORKBENCH_OUTBOUND_ALLOW;
    else process.env.WORKBENCH_OUTBOUND_ALLOW = previous;
    expect(!result.ok && result.error.kind).toBe("config");
  });
});

describe("allowed destinations of a credential", () => {
  let other: http.Server;
  let otherBase: string;
  const received: { method?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    other = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        received.push({ method: req.method, headers: req.headers, body });
        res.end("other");
      });
    });
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => other.close(() => resolve())));

  const onlyBase = (url: URL) =>
    url.origin === new URL(base).origin
      ? ({ allowed: true } as const)
      : ({ allowed: false, message: `Only ${base}.` } as const);
  const credentialRequest = (url: string) => ({
    method: "POST",
    url,
    headers: {
      authorization: "Bearer secret-token",
      "x-api-key": "secret-header",
      "content-type": "text/plain",
    },
    body: "client_secret=s3cret",
  });

  it("refuses a destination outside the list before connecting", async () => {
    received.length = 0;
    const result = await sendOutbound(credentialRequest(`${otherBase}/x`), {
      allowlist: loopback,
      admit: onlyBase,
      sensitiveHeaders: ["x-api-key"],
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({ kind: "destination", message: `Only ${base}.` });
    expect(received).toHaveLength(0);
  });

  it("does not follow a redirect outside the list", async () => {
    received.length = 0;
    const result = await sendOutbound(
      credentialRequest(`${base}/to?u=${encodeURIComponent(`${otherBase}/steal`)}`),
      { allowlist: loopback, admit: onlyBase, sensitiveHeaders: ["x-api-key"] },
    );
    expect(!result.ok && result.error.kind).toBe("destination");
    expect(!result.ok && result.error.message).toMatch(/redirected to .*not followed/);
    expect(!result.ok && result.error.redirects).toHaveLength(1);
    expect(received).toHaveLength(0);
  });

  it("follows a redirect to another allowed origin without the credential's headers or body", async () => {
    received.length = 0;
    const result = await sendOutbound(
      credentialRequest(`${base}/to?u=${encodeURIComponent(`${otherBase}/next`)}`),
      { allowlist: loopback, admit: () => ({ allowed: true }), sensitiveHeaders: ["x-api-key"] },
    );
    expect(result.ok && result.response.body.toString()).toBe("other");
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: "GET", body: "" });
    expect(received[0].headers.authorization).toBeUndefined();
    expect(received[0].headers["x-api-key"]).toBeUndefined();
  });
});

describe("a request HTTP cannot carry", () => {
  it("is refused in plain words before anything is sent, never thrown", async () => {
    const result = await sendOutbound(
      { method: "GET", url: `${base}/echo`, headers: { "x-price": "10 €" } },
      { allowlist: loopback },
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({
      kind: "invalid_request",
      message: "The request cannot be sent as HTTP (ERR_INVALID_CHAR).",
      timing: { connectMs: null },
    });
  });
});

describe("redirectRequest", () => {
  const from = new URL("https://a.example/x");
  const request = {
    method: "POST",
    url: from.href,
    headers: { Authorization: "Bearer t", "Content-Type": "a/b", Host: "a.example", "X-Api-Key": "k" },
    body: "b",
  };

  it("keeps method, body and credentials on a same-origin 307/308", () => {
    const next = redirectRequest(request, 307, from, new URL("https://a.example/y"));
    expect(next).toMatchObject({
      method: "POST",
      body: "b",
      headers: { Authorization: "Bearer t", "X-Api-Key": "k" },
    });
    expect(next.headers?.Host).toBeUndefined();
  });

  it("never carries credentials to another origin, neither headers nor the body", () => {
    const next = redirectRequest(request, 308, from, new URL("https://b.example/y"), ["x-api-key"]);
    expect(next).toEqual({ method: "GET", url: "https://b.example/y", headers: {}, body: undefined });
  });

  it("keeps the body on a cross-origin 307/308 of a request without a credential", () => {
    const next = redirectRequest(request, 307, from, new URL("https://b.example/y"));
    expect(next).toMatchObject({ method: "POST", body: "b", headers: { "Content-Type": "a/b" } });
    expect(next.headers?.Authorization).toBeUndefined();
  });

  it("turns POST into GET on 301/302/303", () => {
    for (const status of [301, 302, 303]) {
      const next = redirectRequest(request, status, from, new URL("https://a.example/z"));
      expect(next).toMatchObject({ method: "GET", body: undefined });
      expect(next.headers?.["Content-Type"]).toBeUndefined();
    }
  });
});
