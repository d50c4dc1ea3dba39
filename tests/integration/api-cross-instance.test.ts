// Two instances of the public API on one database — the test process and a separate child
// process — as behind a load balancer: tokens work on both, a revocation on one is enforced by
// the other within 1 s, and the token rate limit holds across both. Runs on PostgreSQL (the
// scale path) and on SQLite (the console, the CLI and the server are separate processes too).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeApiKey, rotateApiKey } from "@/lib/api-keys";
import { db } from "@/lib/db";
import {
  DATABASE_KINDS,
  resetProcessState,
  stopPostgres,
  useFreshDatabase,
} from "@/test-support/test-database";
import {
  accessToken,
  call,
  newKey,
  requestToken,
  seedOrganisation,
  startApi,
  waitUntil,
  type RunningApi,
  type Seed,
} from "./helpers/api";
import { startInstance, type Instance } from "./helpers/instance";

const TOKEN_LIMIT = 5;
const LIMITS = {
  token: { limit: TOKEN_LIMIT, windowMs: 60_000 },
  authFailure: { limit: 1000, windowMs: 60_000 },
};

afterAll(() => stopPostgres());

describe.each(DATABASE_KINDS)("two instances on %s", (kind) => {
  let a: RunningApi;
  let b: Instance;
  let seed: Seed;

  beforeAll(async () => {
    const url = await useFreshDatabase(kind);
    seed = await seedOrganisation();
    a = await startApi({ rateLimits: LIMITS });
    b = await startInstance({
      DATABASE_URL: url,
      WORKBENCH_TOKEN_RATE_LIMIT: String(TOKEN_LIMIT),
      WORKBENCH_AUTH_FAILURE_RATE_LIMIT: "1000",
    });
  });
  afterAll(async () => {
    b?.child.kill("SIGTERM");
    await a?.api.close();
    await resetProcessState();
  });

  it("a token from one instance works on the other; a revocation on one is enforced by the other within 1 s", async () => {
    const key = await newKey(seed, { permissions: ["environments:read"] });
    const token = await accessToken(a.base, key);
    expect((await call(b.base, "/v1/environments", { token })).status).toBe(200);
    await revokeApiKey(seed.actor, { id: key.key.id });
    expect((await call(a.base, "/v1/environments", { token })).status).toBe(401); // this instance: at once
    const elapsed = await waitUntil(
      async () => (await call(b.base, "/v1/environments", { token })).status === 401,
      1000,
      20,
    );
    expect(elapsed).toBeLessThan(1000);
  });

  it("a rotation on one instance kills the old secret on the other within 1 s", async () => {
    const key = await newKey(seed, { permissions: ["environments:read"] });
    const token = await accessToken(b.base, key);
    const rotated = await rotateApiKey(seed.actor, { id: key.key.id });
    // Polled with the old token (token requests would run into the per-client rate limit).
    await waitUntil(async () => (await call(b.base, "/v1/environments", { token })).status === 401, 1000, 20);
    expect((await requestToken(b.base, key.key.clientId, key.clientSecret)).status).toBe(401);
    expect((await requestToken(b.base, key.key.clientId, rotated.clientSecret)).status).toBe(200);
  });

  it("the token rate limit holds across instances", async () => {
    const key = await newKey(seed, { permissions: ["environments:read"] });
    for (let i = 0; i < TOKEN_LIMIT; i++)
      expect((await requestToken(a.base, key.key.clientId, key.clientSecret)).status).toBe(200);
    expect((await requestToken(a.base, key.key.clientId, key.clientSecret)).status).toBe(429);
    // Wait for instance A's batched sync to reach the shared table, then ask instance B.
    await waitUntil(async () => {
      const row = await db().rateLimitWindow.findFirst({
        where: { key: `token:${key.key.id}` },
        select: { count: true },
      });
      return (row?.count ?? 0) >= TOKEN_LIMIT;
    }, 2000);
    const refused = await requestToken(b.base, key.key.clientId, key.clientSecret);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
