// Fuzzes POST /oauth2/token on the running API: random methods, paths, headers, content types,
// encodings, bodies and lengths, with client credentials right, wrong, revoked, expired or junk,
// in the Basic header, the form body or the query. Properties: never a 5xx, an answer within the
// timeout, no secret in the answer, and no database write when the answer is an error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { PERMISSION_NAMES } from "@/lib/permissions/registry";
import { stopSuite } from "../integration/helpers/api";
import { stopPostgres, type DatabaseKind } from "@/test-support/test-database";
import { startApiWorld, type ApiWorld, type Caller } from "./helpers/api-world";
import { CaseCounter, parameters, runs } from "./helpers/budget";
import { send, sendRaw, type Answer, type RawRequest } from "./helpers/http";
import { encodeComponent, headerValue, method, nastyString, urlSafe } from "./helpers/arbitraries";
import { responseText } from "./helpers/secrets";
import { writeCounts, writesBetween } from "./helpers/writes";

let world: ApiWorld;
const counter = new CaseCounter("token");
const statuses: Record<number, number> = {};

/** SQLite gets most cases; PostgreSQL too, whose text type refuses what SQLite stores (FUZZ_DATABASES). */
const KINDS = (process.env.FUZZ_DATABASES ?? "sqlite,postgres").split(",") as DatabaseKind[];
const RUNS: Record<DatabaseKind, { http: number; raw: number }> = {
  sqlite: { http: 10_000, raw: 3000 },
  postgres: { http: 4000, raw: 500 },
};

afterAll(() => {
  counter.write({ statuses });
  stopPostgres();
});

type Credentials = { clientId: string; secret: string; where: "basic" | "body" | "query" | "none" | "both" };

function credentials(): fc.Arbitrary<Credentials> {
  const keys: Caller[] = [...world.callers, ...world.dead];
  const clientId = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...keys.map((k) => k.key.key.clientId)) },
    { weight: 2, arbitrary: nastyString },
    { weight: 1, arbitrary: fc.constantFrom(...keys.map((k) => k.key.key.clientId.toUpperCase())) },
  );
  const secret = fc.oneof(
    { weight: 5, arbitrary: fc.constant("*matching*") },
    { weight: 2, arbitrary: fc.constantFrom(...keys.map((k) => k.key.clientSecret)) },
    { weight: 2, arbitrary: nastyString },
  );
  return fc
    .record({
      clientId,
      secret,
      where: fc.constantFrom("basic", "basic", "basic", "body", "query", "none", "both"),
    })
    .map((c) => {
      const own = keys.find((k) => k.key.key.clientId === c.clientId);
      return { ...c, secret: c.secret === "*matching*" ? (own?.key.clientSecret ?? "") : c.secret };
    });
}

function parameterSet(): fc.Arbitrary<[string, string][]> {
  const refresh = world.callers.flatMap((c) => (c.refresh ? [c.refresh] : []));
  const grant = fc.constantFrom(
    "client_credentials",
    "client_credentials",
    "refresh_token",
    "password",
    "",
    "CLIENT_CREDENTIALS",
  );
  const pair = fc.oneof(
    { weight: 4, arbitrary: grant.map((g): [string, string] => ["grant_type", g]) },
    {
      weight: 2,
      arbitrary: fc
        .subarray([...PERMISSION_NAMES, "admin", ""])
        .map((s): [string, string] => ["scope", s.join(fc.sample(fc.constantFrom(" ", "+", ","), 1)[0])]),
    },
    {
      weight: 2,
      arbitrary: fc
        .oneof(fc.constantFrom(...refresh), nastyString, fc.constantFrom("a.b.c", "eyJhbGciOiJub25lIn0.e30."))
        .map((t): [string, string] => ["refresh_token", t]),
    },
    { weight: 1, arbitrary: fc.tuple(nastyString, nastyString) },
  );
  return fc.array(pair, { maxLength: 5 });
}

type Shape = {
  /** Mostly the documented request, varied in its parameters and credentials only. */
  documented: boolean;
  method: string;
  path: string;
  credentials: Credentials;
  queryParams: [string, string][];
  bodyParams: [string, string][];
  encoding: number;
  contentType: string | null;
  bodyKind: "form" | "json" | "random" | "large" | "empty" | "utf16";
  randomBody: string;
  largeSize: number;
  basicForm: "proper" | "unencoded" | "garbage" | "bearer" | "lowercase";
  extraHeaders: Record<string, string>;
};

function shape(): fc.Arbitrary<Shape> {
  return fc.record({
    documented: fc.boolean(),
    method: fc.oneof({ weight: 8, arbitrary: fc.constant("POST") }, { weight: 1, arbitrary: method }),
    path: fc.oneof(
      { weight: 10, arbitrary: fc.constant("/oauth2/token") },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          "/oauth2/token/",
          "/oauth2/TOKEN",
          "//oauth2/token",
          "/oauth2/token%00",
          "/oauth2/",
          "/oauth2/token;x",
          "/oauth2/token/../token",
        ),
      },
      { weight: 1, arbitrary: nastyString.map((s) => `/oauth2/${urlSafe(s)}`) },
    ),
    credentials: credentials(),
    queryParams: parameterSet(),
    bodyParams: parameterSet(),
    encoding: fc.integer({ min: 0, max: 2 }),
    contentType: fc.oneof(
      { weight: 6, arbitrary: fc.constant("application/x-www-form-urlencoded") },
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          "application/x-www-form-urlencoded; charset=utf-8",
          "APPLICATION/X-WWW-FORM-URLENCODED;charset=ISO-8859-1",
          "application/x-www-form-urlencodedx",
          "application/json",
          "multipart/form-data; boundary=xyz",
          "text/plain",
          "",
          ";",
        ),
      },
      { weight: 1, arbitrary: headerValue },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    bodyKind: fc.constantFrom("form", "form", "form", "json", "random", "large", "empty", "utf16"),
    randomBody: fc.string({ unit: "binary", maxLength: 200 }),
    largeSize: fc.constantFrom(60 * 1024, 64 * 1024, 64 * 1024 + 1, 200 * 1024),
    basicForm: fc.constantFrom("proper", "proper", "proper", "unencoded", "garbage", "bearer", "lowercase"),
    extraHeaders: fc.dictionary(
      fc.constantFrom(
        "content-encoding",
        "x-forwarded-for",
        "user-agent",
        "accept",
        "accept-encoding",
        "x-http-method-override",
        "cookie",
      ),
      fc.oneof(
        fc.constantFrom("gzip", "deflate", "br", "identity", "chunked", "127.0.0.1", "100-continue"),
        headerValue,
      ),
      { maxKeys: 3 },
    ),
  });
}

function build(shape: Shape): RawRequest {
  const s: Shape = shape.documented
    ? {
        ...shape,
        method: "POST",
        path: "/oauth2/token",
        contentType: "application/x-www-form-urlencoded",
        bodyKind: shape.bodyKind === "form" ? "form" : "empty",
        basicForm: "proper",
        queryParams: [
          ["grant_type", "client_credentials"],
          ...shape.queryParams.filter(([k]) => k !== "grant_type").slice(0, 1),
        ],
        bodyParams: shape.bodyParams.filter(([k]) => k !== "grant_type").slice(0, 1),
      }
    : shape;
  const { clientId, secret, where } = s.credentials;
  const query: [string, string][] = [...s.queryParams];
  const body: [string, string][] = [...s.bodyParams];
  if (where === "query" || where === "both") query.push(["client_id", clientId], ["client_secret", secret]);
  if (where === "body") body.push(["client_id", clientId], ["client_secret", secret]);
  if (where === "basic" || where === "both") query.push(["client_id", clientId]);
  const encode = (pairs: [string, string][]) =>
    pairs.map(([k, v]) => `${encodeComponent(k, s.encoding)}=${encodeComponent(v, s.encoding)}`).join("&");
  const headers: Record<string, string> = { ...s.extraHeaders };
  if (s.contentType !== null) headers["content-type"] = s.contentType;
  if (where === "basic" || where === "both") {
    const pair =
      s.basicForm === "unencoded" ? `${clientId}:${secret}` : `${encodeComponent(clientId, 0)}:${secret}`;
    const b64 = Buffer.from(pair, "utf8").toString("base64");
    headers.authorization = urlSafeHeader(
      s.basicForm === "garbage"
        ? `Basic ${b64.slice(1)}!`
        : s.basicForm === "bearer"
          ? `Bearer ${b64}`
          : s.basicForm === "lowercase"
            ? `basic   ${b64}`
            : `Basic ${b64}`,
    );
  }
  const formBody = encode(body);
  const payload =
    s.bodyKind === "form"
      ? formBody
      : s.bodyKind === "json"
        ? JSON.stringify(Object.fromEntries(body))
        : s.bodyKind === "random"
          ? Buffer.from(s.randomBody, "latin1")
          : s.bodyKind === "large"
            ? Buffer.alloc(s.largeSize, "a=b&")
            : s.bodyKind === "utf16"
              ? Buffer.from(formBody, "utf16le")
              : undefined;
  const qs = encode(query);
  return { method: s.method, path: qs ? `${s.path}?${qs}` : s.path, headers, body: payload };
}

const urlSafeHeader = (value: string) => value.replace(/[^\x20-\x7e]/g, "");

function check(answer: Answer, request: string): void {
  statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
  expect(answer.status, `5xx for ${request}: ${answer.body.slice(0, 300)}`).toBeLessThan(500);
  const leaked = world.secrets.find(responseText(answer.status, answer.headers, answer.body));
  expect(leaked, `the answer to ${request} shows the ${leaked}`).toBeNull();
}

describe.each(KINDS)("fuzzing POST /oauth2/token on %s", (kind) => {
  beforeAll(async () => {
    world = await startApiWorld(kind);
  });
  afterAll(() => stopSuite(world?.running));

  it("answers every request in time, never with a 5xx or a secret, and writes nothing when refusing", async () => {
    await fc.assert(
      fc.asyncProperty(shape(), async (s) => {
        counter.add(`${kind} http`);
        const request = build(s);
        const before = await writeCounts();
        const answer = await send(world.running.base, request);
        const shown = JSON.stringify({ ...request, body: String(request.body ?? "").slice(0, 200) });
        check(answer, shown);
        if (answer.status >= 400) expect(writesBetween(before, await writeCounts()), shown).toEqual([]);
      }),
      parameters(runs(RUNS[kind].http)),
    );
    // The fuzzer reaches the success path too, not only refusals.
    expect(statuses[200] ?? 0).toBeGreaterThan(0);
    expect(statuses[401] ?? 0).toBeGreaterThan(0);
  }, 600_000);

  it("answers malformed HTTP on the wire (request line, headers, framing) without a 5xx or a hang", async () => {
    const line = fc.record({
      method: fc.oneof(method, fc.string({ unit: "binary-ascii", maxLength: 8 })),
      target: fc.oneof(fc.constant("/oauth2/token"), fc.string({ unit: "binary-ascii", maxLength: 30 })),
      version: fc.constantFrom("HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/1.1 ", "", "http/1.1"),
      headers: fc.array(
        fc.oneof(
          fc.tuple(
            fc.string({ unit: "binary-ascii", maxLength: 20 }),
            fc.string({ unit: "binary-ascii", maxLength: 40 }),
          ),
          fc.tuple(
            fc.constantFrom(
              "Expect",
              "Transfer-Encoding",
              "Content-Type",
              "Authorization",
              "Connection",
              "Upgrade",
            ),
            fc.oneof(
              fc.constantFrom(
                "100-continue",
                "chunked",
                "gzip, chunked",
                "chunked, gzip",
                "application/x-www-form-urlencoded",
                "Basic Og==",
                "Upgrade",
                "h2c",
              ),
              fc.string({ unit: "binary-ascii", maxLength: 40 }),
            ),
          ),
        ),
        { maxLength: 4 },
      ),
      length: fc.oneof(
        fc.constant(null),
        fc.integer({ min: -5, max: 100 }).map(String),
        fc.constantFrom("1e3", "0x10", "99999999999999999999", "5, 6"),
      ),
      chunked: fc.boolean(),
      body: fc.string({ unit: "binary-ascii", maxLength: 80 }),
    });
    await fc.assert(
      fc.asyncProperty(line, async (l) => {
        counter.add(`${kind} raw`);
        const head = [
          `${l.method} ${l.target} ${l.version}`,
          "Host: 127.0.0.1",
          ...l.headers.map(([k, v]) => `${k}: ${v}`),
        ];
        if (l.length !== null) head.push(`Content-Length: ${l.length}`);
        if (l.chunked) head.push("Transfer-Encoding: chunked");
        head.push("Connection: close");
        const bytes = Buffer.from(`${head.join("\r\n")}\r\n\r\n${l.body}`, "latin1");
        const before = await writeCounts();
        const answer = await sendRaw(world.running.base, bytes);
        check(answer, JSON.stringify(bytes.toString("latin1").slice(0, 300)));
        if (answer.status === 0 || answer.status >= 400)
          expect(writesBetween(before, await writeCounts())).toEqual([]);
      }),
      parameters(runs(RUNS[kind].raw)),
    );
  }, 600_000);
});
