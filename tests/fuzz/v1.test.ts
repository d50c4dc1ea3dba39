// Fuzzes every /v1 operation of the permission registry on the running API: random path
// parameters (own, foreign and junk environment and record ids), query strings and JSON bodies
// shaped by each operation's schemas, sent with access tokens of keys of every permission set
// and role, with dead keys' tokens and with garbage authorisation. A route added to the
// registry is fuzzed without a change here. Properties: never a 5xx, an answer within the
// timeout, no secret in the answer, no database write when the answer is an error, a success
// only for a key that holds the operation's permission in the path's environment, and a
// success body that matches the operation's response schema.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { db } from "@/lib/db";
import { createEndpoint, sendTestEvent } from "@/lib/webhooks";
import { API_OPERATIONS, legacyRolesFor, type OperationId } from "@/lib/permissions/registry";
import { V1_OPERATIONS } from "@/server/api/v1";
import type { OperationDefinition } from "@/server/api/operation";
import { stopSuite, UA } from "../integration/helpers/api";
import { stopPostgres, type DatabaseKind } from "@/test-support/test-database";
import { startApiWorld, type ApiWorld, type Caller } from "./helpers/api-world";
import { CaseCounter, parameters, runs } from "./helpers/budget";
import { send } from "./helpers/http";
import { headerValue, jsonValue, method, nastyString, encodeComponent, urlSafe } from "./helpers/arbitraries";
import { jsonSchemaOf, objectFor } from "./helpers/schema-arbitrary";
import { responseText } from "./helpers/secrets";
import { writeCounts, writesBetween } from "./helpers/writes";

let world: ApiWorld;
const counter = new CaseCounter("v1");
let outcomes: Record<string, Record<number, number>> = {};
const allOutcomes: Record<string, typeof outcomes> = {};

/**
 * The databases fuzzed and the cases each gets: SQLite, the default, most; PostgreSQL too, whose
 * text type refuses what SQLite stores (FUZZ_DATABASES=sqlite to skip it).
 */
const KINDS = (process.env.FUZZ_DATABASES ?? "sqlite,postgres").split(",") as DatabaseKind[];
const RUNS: Record<DatabaseKind, number> = { sqlite: 8000, postgres: 4000 };
/** Ids of records that exist, refreshed as the run creates and deletes them. */
const pools: Record<string, unknown[]> = {
  cardId: [],
  customerId: [],
  clientId: [],
  cursor: [],
  credentialId: [],
  endpointId: [],
  messageId: [],
  hookCredential: [],
  // Where the seeded credentials may be sent (the world's loopback peer, set in startWorld), so
  // an update that keeps them, or a Send Request towards them, can succeed.
  allowedDestinations: [],
  url: [],
};

async function refreshPools(): Promise<void> {
  pools.cardId = (
    await db().card.findMany({ select: { id: true }, take: 30, orderBy: { createdAt: "desc" } })
  ).map((r) => r.id);
  pools.customerId = (
    await db().customer.findMany({ select: { id: true }, take: 30, orderBy: { createdAt: "desc" } })
  ).map((r) => r.id);
  // The keys the auth key may manage, never a caller's own (its tokens would stop working).
  const callers = new Set(world.callers.map((c) => c.key.key.clientId));
  const keys = await db().apiKey.findMany({
    select: { clientId: true, role: true },
    orderBy: { createdAt: "desc" },
  });
  const others = keys.filter((k) => !callers.has(k.clientId));
  pools.clientId = [
    ...others.filter((k) => k.role === "workbench" || k.role === "events").slice(0, 10),
    ...others.filter((k) => k.role !== "workbench" && k.role !== "events").slice(0, 5),
  ].map((k) => k.clientId);
  pools.cursor = [...pools.cardId.slice(0, 5), ...pools.customerId.slice(0, 5)];
  // The seeded Basic credentials (what the coherent update bodies fit) weigh as much as the
  // most recent others.
  const seeded = (
    await db().credential.findMany({
      where: { type: "basic", name: { in: ["basic", "other"] } },
      select: { id: true },
    })
  ).map((r) => r.id);
  // The seeded key-pair credential: what the JWKS and key-pair rotation operations need.
  const keyPairs = (
    await db().credential.findMany({ where: { type: "key_pair", name: "keypair" }, select: { id: true } })
  ).map((r) => r.id);
  const recent = (
    await db().credential.findMany({ select: { id: true }, take: 10, orderBy: { createdAt: "desc" } })
  ).map((r) => r.id);
  pools.credentialId = [...seeded, ...seeded, ...seeded, ...seeded, ...keyPairs, ...keyPairs, ...recent];
  pools.endpointId = (
    await db().webhookEndpoint.findMany({ select: { id: true }, take: 10, orderBy: { createdAt: "desc" } })
  ).map((r) => r.id);
  pools.messageId = (
    await db().webhookMessage.findMany({ select: { id: true }, take: 10, orderBy: { createdAt: "desc" } })
  ).map((r) => r.id);
  pools.cursor.push(...pools.messageId.slice(0, 3));
  // The production Basic credential, which may be sent to the world's peer: an endpoint's credential.
  pools.hookCredential = (
    await db().credential.findMany({
      where: { name: "basic", environmentId: world.seed.production },
      select: { id: true },
    })
  ).map((r) => r.id);
}

async function startWorld(kind: DatabaseKind): Promise<void> {
  world = await startApiWorld(kind);
  pools.allowedDestinations = [[world.peer]];
  for (const n of [1, 2])
    world.secrets.add("password of a credential created by the fuzzer", `fuzz-created-password-${n}`);
  pools.url = [`${world.peer}/fuzz`, `${world.peer}/`];
  outcomes = allOutcomes[kind] = {};
  // A few records in every environment (the other organisation's too) before counting writes.
  for (const environmentId of [world.seed.production, world.seed.staging, world.other.production]) {
    for (let i = 0; i < 3; i++) {
      const customer = await db().customer.create({
        data: { environmentId, externalId: `ext-${i}`, name: `Customer ${i}` },
      });
      await db().card.create({ data: { environmentId, title: `Card ${i}`, customerId: customer.id } });
    }
  }
  // A webhook endpoint with a message in each environment (nothing delivers them here).
  for (const [actor, environmentId] of [
    [world.seed.actor, world.seed.production],
    [world.seed.actor, world.seed.staging],
    [world.other.actor, world.other.production],
  ] as const) {
    const { endpoint } = await createEndpoint(actor, {
      environmentId,
      endpoint: { name: "fuzz hooks", url: `${world.peer}/hooks`, eventTypes: ["card.created"] },
    });
    await sendTestEvent(actor, { id: endpoint.id });
  }
  await refreshPools();
}

afterAll(() => {
  counter.write({ outcomes: allOutcomes });
  stopPostgres();
});

type Auth = { kind: "caller"; caller: Caller } | { kind: "header"; value: string | null };

function auth(definition: OperationDefinition): fc.Arbitrary<Auth> {
  const live = world.callers.filter((c) => c.access);
  const holders = live.filter((c) =>
    c.key.key.kind === "legacy"
      ? legacyRolesFor(definition.operation).includes(c.key.key.role as never)
      : "permission" in definition.operation.access &&
        c.key.key.permissions.includes(definition.operation.access.permission),
  );
  const dead = world.dead.map((c) => c.key.key.clientId);
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...live).map((caller): Auth => ({ kind: "caller", caller })) },
    { weight: 6, arbitrary: fc.constantFrom(...holders).map((caller): Auth => ({ kind: "caller", caller })) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.constant(null),
          headerValue,
          fc.constantFrom(...live.map((c) => `Bearer ${c.refresh}`)), // a refresh token is not an access token
          fc.constantFrom(...live.map((c) => `Bearer ${c.access!.slice(0, -2)}xx`)),
          fc.constantFrom(
            ...live.map(
              (c) => `Basic ${Buffer.from(`${c.key.key.clientId}:${c.key.clientSecret}`).toString("base64")}`,
            ),
          ),
          fc.constantFrom(
            "Bearer",
            "Bearer ",
            "bearer  x",
            "Bearer a.b.c",
            "Bearer eyJhbGciOiJub25lIn0.e30.",
            ...dead.map((d) => `Bearer ${d}`),
          ),
        )
        .map((value): Auth => ({ kind: "header", value })),
    },
  );
}

const definitions = V1_OPERATIONS.map((d) => ({
  definition: d,
  query: d.query ? jsonSchemaOf(d.query) : null,
  body: d.body ? jsonSchemaOf(d.body) : null,
}));

type Case = {
  target: (typeof definitions)[number];
  method: string;
  environment: string;
  ids: Record<string, string>;
  query: Record<string, unknown>;
  queryMode: number;
  body:
    | { kind: "json"; value: unknown }
    | { kind: "text"; value: string; contentType: string }
    | { kind: "none" };
  auth: Auth;
  userAgent: string | null;
};

function environmentId(): fc.Arbitrary<string> {
  const { seed, other } = world;
  return fc.oneof(
    { weight: 10, arbitrary: fc.constant(String(seed.production)) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(String(seed.staging), String(other.production), String(other.staging)),
    },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.integer({ min: -5, max: 2 ** 32 }).map(String),
        fc.constantFrom(
          "0",
          "01",
          `${seed.production}.0`,
          `${seed.production}e0`,
          " 1",
          "0x1",
          "9".repeat(30),
          "production",
        ),
        nastyString,
      ),
    },
  );
}

function pathId(name: string): fc.Arbitrary<string> {
  return fc
    .oneof(
      { weight: 5, arbitrary: fc.constantFrom("*pool*") },
      { weight: 2, arbitrary: nastyString },
      {
        weight: 1,
        arbitrary: fc.constantFrom("x".repeat(64), "x".repeat(65), "x".repeat(101), " ", "%20", "..", "."),
      },
    )
    .map((v) => (v === "*pool*" ? `*pool*${name}` : v));
}

/**
 * Bodies whose parts must agree with each other and with the record in the path (an update
 * keeps the credential's type), which independent random fields almost never do: so that the
 * success path of such operations is reached too.
 */
function coherentBodies(id: string): { weight: number; arbitrary: fc.Arbitrary<unknown> }[] {
  if (id === "sendRequest")
    return [
      {
        weight: 2,
        arbitrary: fc.record({
          method: fc.constantFrom("GET", "POST"),
          url: fc.constantFrom(`${world.peer}/fuzz`, `${world.peer}/`),
        }),
      },
    ];
  if (id === "createWebhookEndpoint")
    return [
      {
        weight: 2,
        arbitrary: fc.record(
          {
            name: fc.uuid().map((u) => `fuzz hook ${u}`),
            url: fc.constantFrom(`${world.peer}/hooks`, `${world.peer}/`),
            eventTypes: fc.subarray(["card.created", "customer.deleted", "api_key.revoked"], {
              minLength: 1,
            }),
            // (The fuzzer may have deleted the seeded credential: then endpoints go without one.)
            ...(pools.hookCredential.length
              ? { credentialId: fc.constantFrom(...pools.hookCredential.map(String)) }
              : {}),
          },
          { requiredKeys: ["name", "url", "eventTypes"] },
        ),
      },
    ];
  if (id === "updateWebhookEndpoint")
    return [
      {
        weight: 2,
        arbitrary: fc.record(
          {
            name: fc.uuid().map((u) => `fuzz hook ${u}`),
            status: fc.constantFrom("enabled", "paused"),
            eventTypes: fc.constant(["customer.created"]),
            description: fc.constantFrom("fuzzed", null),
          },
          { requiredKeys: [] },
        ),
      },
    ];
  if (id === "setIntegrationCredentialJwks")
    return [{ weight: 2, arbitrary: fc.record({ published: fc.boolean() }) }];
  if (id === "rotateIntegrationCredentialKeyPair")
    return [{ weight: 2, arbitrary: fc.record({ overlapSeconds: fc.constantFrom(0, 3600, 86_400) }) }];
  if (id === "setIntegrationCredentialSecretExpiry")
    return [
      {
        weight: 2,
        arbitrary: fc.record({ secretExpiresOn: fc.constantFrom("2031-05-01", "2026-12-10", "", null) }),
      },
    ];
  if (id !== "updateIntegrationCredential" && id !== "createIntegrationCredential") return [];
  return [
    {
      weight: 2,
      arbitrary: fc.record({
        type: fc.constant("basic"),
        name: fc.uuid().map((u) => `fuzz ${u}`),
        username: fc.constantFrom("fuzz", "fuzz-2"),
        // Required on create, "unchanged" when left out of an update.
        password: fc.constantFrom("fuzz-created-password-1", "fuzz-created-password-2"),
        allowedDestinations: fc.constant([world.peer]),
      }),
    },
  ];
}

function fuzzCase(): fc.Arbitrary<Case> {
  return fc.constantFrom(...definitions).chain((target) => {
    const names = [...target.definition.operation.path.matchAll(/\{(\w+)\}/g)]
      .map((m) => m[1])
      .filter((n) => n !== "environmentId");
    const queryArb = target.query
      ? fc.oneof(
          { weight: 3, arbitrary: objectFor(target.query, 0, pools) },
          { weight: 1, arbitrary: fc.dictionary(nastyString, nastyString, { maxKeys: 3 }) },
        )
      : fc.dictionary(nastyString, nastyString, { maxKeys: 2 });
    const bodyArb: fc.Arbitrary<Case["body"]> = fc.oneof(
      {
        weight: target.body ? 8 : 1,
        arbitrary: (target.body
          ? fc.oneof(
              { weight: 4, arbitrary: objectFor(target.body, 0, pools) },
              { weight: 1, arbitrary: jsonValue },
              ...coherentBodies(target.definition.id),
            )
          : jsonValue
        ).map((value): Case["body"] => ({ kind: "json", value })),
      },
      { weight: 3, arbitrary: fc.constant({ kind: "none" } as const) },
      {
        weight: 1,
        arbitrary: fc
          .record({
            value: fc.oneof(
              fc.string({ maxLength: 50 }),
              fc.constantFrom("{", '{"a":', "[1,]", "\u0000", "null", '"x"', "{}".repeat(5000)),
            ),
            contentType: fc.oneof(
              fc.constantFrom(
                "application/json",
                "application/json; charset=latin1",
                "text/plain",
                "application/x-www-form-urlencoded",
                "application/merge-patch+json",
              ),
              headerValue,
            ),
          })
          .map((b): Case["body"] => ({ kind: "text", ...b })),
      },
    );
    return fc.record({
      target: fc.constant(target),
      method: fc.oneof(
        { weight: 10, arbitrary: fc.constant(target.definition.operation.method as string) },
        { weight: 1, arbitrary: method },
      ),
      environment: environmentId(),
      ids: fc.record(Object.fromEntries(names.map((n) => [n, pathId(n)]))) as fc.Arbitrary<
        Record<string, string>
      >,
      query: queryArb,
      queryMode: fc.integer({ min: 0, max: 2 }),
      body: bodyArb,
      auth: auth(target.definition),
      userAgent: fc.oneof(
        { weight: 12, arbitrary: fc.constant(UA) },
        { weight: 1, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: headerValue },
      ),
    });
  });
}

function pick(name: string, index: number): string {
  const pool = pools[name] ?? [];
  return pool.length ? String(pool[index % pool.length]) : "none";
}

function build(c: Case, dice: number) {
  const path = c.target.definition.operation.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const raw = name === "environmentId" ? c.environment : c.ids[name];
    const value = raw.startsWith("*pool*") ? pick(raw.slice(6), dice) : raw;
    return encodeComponent(value, 0);
  });
  const query = Object.entries(c.query)
    .flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as const) : [[k, v] as const]))
    .map(
      ([k, v]) =>
        `${encodeComponent(k, c.queryMode)}=${encodeComponent(typeof v === "string" ? v : (JSON.stringify(v) ?? ""), c.queryMode)}`,
    )
    .join("&");
  const headers: Record<string, string> = {};
  if (c.userAgent !== null) headers["user-agent"] = c.userAgent;
  if (c.auth.kind === "caller") headers.authorization = `Bearer ${c.auth.caller.access}`;
  else if (c.auth.value !== null) headers.authorization = c.auth.value;
  let body: string | undefined;
  if (c.body.kind === "json") {
    headers["content-type"] = "application/json";
    body = JSON.stringify(c.body.value) ?? "null";
  } else if (c.body.kind === "text") {
    headers["content-type"] = c.body.contentType;
    body = c.body.value;
  }
  return { method: c.method, path: urlSafe(query ? `${path}?${query}` : path), headers, body };
}

/** Whether the caller may run the operation in the environment of the path (the registry's rule). */
function allowed(definition: OperationDefinition, c: Case, path: string): boolean {
  if (c.auth.kind !== "caller") return false;
  const key = c.auth.caller.key.key;
  const { access } = definition.operation;
  const holds =
    key.kind === "legacy"
      ? legacyRolesFor(definition.operation).includes(key.role as never)
      : "permission" in access && key.permissions.includes(access.permission);
  const env = /^\/v1\/([^/?]+)/.exec(path)?.[1];
  const environmentScoped = definition.operation.path.includes("{environmentId}");
  return (
    holds && (!environmentScoped || environmentOfPath(env ?? "", key.environmentId) === key.environmentId)
  );
}

/** The environment a path names: by id, or by name within the caller's organisation. */
function environmentOfPath(segment: string, keyEnvironmentId: number): number {
  const ref = decodeURIComponent(segment);
  const organisation = [world.seed, world.other].find(
    (o) => o.production === keyEnvironmentId || o.staging === keyEnvironmentId,
  );
  if (organisation && (ref === "production" || ref === "staging")) return organisation[ref];
  return Number(ref);
}

describe.each(KINDS)("fuzzing /v1 on %s", (kind) => {
  beforeAll(() => startWorld(kind));
  afterAll(() => stopSuite(world?.running));

  it("sees writes: the write counters count what the services write, and nothing else", async () => {
    const before = await writeCounts();
    await db().card.create({ data: { environmentId: world.seed.production, title: "counted" } });
    await db().apiKey.updateMany({ data: { lastUsedAt: new Date() } }); // a usage stamp: not counted
    expect(writesBetween(before, await writeCounts())).toEqual(["card"]);
  });

  it("covers every operation of the registry", () => {
    expect(V1_OPERATIONS.map((d) => d.id).sort()).toEqual(Object.keys(API_OPERATIONS).sort());
  });

  it("answers every request in time, never with a 5xx or a secret, writes nothing when refusing, and succeeds only when allowed", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fuzzCase(), fc.nat(), async (c, dice) => {
        counter.add(`${kind} ${c.target.definition.id}`);
        if (++n % 250 === 0) await refreshPools();
        const request = build(c, dice);
        const shown = `${request.method} ${request.path} as ${c.auth.kind === "caller" ? c.auth.caller.label : JSON.stringify(c.auth.value)} body ${String(request.body).slice(0, 200)}`;
        const before = await writeCounts();
        const answer = await send(world.running.base, request);
        const byOperation = (outcomes[c.target.definition.id] ??= {});
        byOperation[answer.status] = (byOperation[answer.status] ?? 0) + 1;
        expect(answer.status, `5xx for ${shown}: ${answer.body.slice(0, 300)}`).toBeLessThan(500);
        const leaked = world.secrets.find(responseText(answer.status, answer.headers, answer.body));
        expect(leaked, `the answer to ${shown} shows the ${leaked}`).toBeNull();
        if (answer.status >= 400) {
          // A Send Request that was refused or got no answer is audited by design (an attempt to
          // take a secret elsewhere is what an auditor wants to see); nothing else may change.
          const audited = c.target.definition.id === "sendRequest" && answer.status !== 400;
          expect(
            writesBetween(before, await writeCounts()).filter(
              (table) => !(audited && table === "audit_event"),
            ),
            `writes on ${answer.status} for ${shown}`,
          ).toEqual([]);
          return;
        }
        if (request.method !== c.target.definition.operation.method) return; // HEAD of a GET, …
        expect(allowed(c.target.definition, c, request.path), `${answer.status} for ${shown}`).toBe(true);
        const parsed = JSON.parse(answer.body) as { data?: { clientSecret?: string } };
        const shape = c.target.definition.response.safeParse(parsed);
        expect(
          shape.success,
          `the answer to ${shown} does not match its schema: ${answer.body.slice(0, 300)}`,
        ).toBe(true);
        // A secret handed out on purpose (a new or rotated key) must not appear in any later answer.
        world.secrets.add(`client secret handed out by ${c.target.definition.id}`, parsed.data?.clientSecret);
      }),
      parameters(runs(RUNS[kind])),
    );
    // Every operation fuzzed a few hundred times was reached past authorisation at least once.
    for (const id of Object.keys(API_OPERATIONS) as OperationId[]) {
      const reached = Object.values(outcomes[id] ?? {}).reduce((a, b) => a + b, 0);
      if (reached < 300) continue;
      const successes = Object.entries(outcomes[id] ?? {}).filter(([s]) => Number(s) < 300);
      expect(successes.length, `no success for ${id}: ${JSON.stringify(outcomes[id])}`).toBeGreaterThan(0);
    }
  }, 600_000);
});
