// What an operator's tooling reads: GET /v1/ready (the database answers and every shipped
// migration is applied, else 503), GET /metrics in Prometheus format only when WORKBENCH_METRICS
// is on, and a request id in every error answer (header and body). On SQLite and PostgreSQL.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DATABASE_KINDS, stopPostgres } from "@/test-support/test-database";
import {
  accessToken,
  call,
  HIGH_LIMITS,
  newKey,
  requestToken,
  startApi,
  startSuite,
  stopSuite,
  type RunningApi,
  type Seed,
} from "./helpers/api";

afterAll(() => stopPostgres());

describe.each(DATABASE_KINDS)("operability on %s", (kind) => {
  let running: RunningApi;
  let seed: Seed;
  const extra: RunningApi[] = [];

  beforeAll(async () => {
    ({ running, seed } = await startSuite(kind));
  });
  afterEach(async () => {
    delete process.env.WORKBENCH_METRICS;
    delete process.env.WORKBENCH_METRICS_TOKEN;
    for (const api of extra.splice(0)) await api.api.close();
  });
  afterAll(() => stopSuite(running));

  it("GET /v1/ready is 200 on a migrated database and 503 with the pending versions otherwise", async () => {
    const ready = await call(running.base, "/v1/ready", { headers: { "user-agent": "" } });
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: "ready", ready: true, database: "ok", migrations: "ok" });

    const [last] = await db().$queryRawUnsafe<{ version: string }[]>(
      'SELECT version FROM "schema_migrations" ORDER BY version DESC LIMIT 1',
    );
    await db().$executeRawUnsafe(`DELETE FROM "schema_migrations" WHERE version = '${last.version}'`);
    try {
      const pending = await call(running.base, "/v1/ready");
      expect(pending.status).toBe(503);
      expect(pending.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(pending.body).toMatchObject({ ready: false, database: "ok", migrations: "pending" });
      expect(pending.body.pending).toEqual([String(last.version)]);
    } finally {
      await db().$executeRawUnsafe(`INSERT INTO "schema_migrations" (version) VALUES ('${last.version}')`);
    }
    expect((await call(running.base, "/v1/ready")).status).toBe(200);
  });

  it("GET /metrics does not exist unless WORKBENCH_METRICS is on", async () => {
    const off = await call(running.base, "/metrics");
    expect(off.status).toBe(404);
    expect(JSON.stringify(off.body)).not.toContain("workbench_");
  });

  it("with WORKBENCH_METRICS=1, /metrics counts token outcomes, /v1 requests by route and status, refusals and latency", async () => {
    process.env.WORKBENCH_METRICS = "1";
    const metered = await startApi({ rateLimits: { ...HIGH_LIMITS, token: { limit: 2, windowMs: 60_000 } } });
    extra.push(metered);
    const key = await newKey(seed, { permissions: ["environments:read"] });
    const token = await accessToken(metered.base, key);
    await requestToken(metered.base, key.key.clientId, key.clientSecret);
    expect((await requestToken(metered.base, key.key.clientId, key.clientSecret)).status).toBe(429);
    expect((await requestToken(metered.base, key.key.clientId, "wrong-secret")).status).toBe(401);
    expect((await call(metered.base, "/v1/environments", { token })).status).toBe(200);
    expect((await call(metered.base, `/v1/${seed.production}/cards`, { token })).status).toBe(403);

    const response = await fetch(`${metered.base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toContain('workbench_token_requests_total{outcome="issued"} 2');
    expect(text).toContain('workbench_token_requests_total{outcome="rate_limited"} 1');
    expect(text).toContain('workbench_token_requests_total{outcome="invalid_client"} 1');
    expect(text).toContain(
      'workbench_api_requests_total{method="GET",route="/v1/environments",status="200"} 1',
    );
    expect(text).toContain(
      'workbench_api_requests_total{method="GET",route="/v1/:environmentId/cards",status="403"} 1',
    );
    expect(text).toContain('workbench_rate_limit_refusals_total{route="/oauth2/token"} 1');
    expect(text).toMatch(
      /workbench_api_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/v1\/environments"\} 1/,
    );
    expect(text).toContain("workbench_webhook_queue_depth 0");
    if (kind === "postgres") expect(text).toMatch(/workbench_database_pool_connections\{state="idle"\} \d+/);
    expect(text).toContain("workbench_process_resident_memory_bytes");
    expect(text).not.toContain(key.clientSecret);
    expect(text).not.toContain(token);
  });

  it("with WORKBENCH_METRICS_TOKEN, /metrics answers only a scraper that sends the token", async () => {
    process.env.WORKBENCH_METRICS = "1";
    process.env.WORKBENCH_METRICS_TOKEN = "metrics-token-0123456789abcdef";
    const guarded = await startApi({});
    extra.push(guarded);
    const without = await fetch(`${guarded.base}/metrics`);
    expect(without.status).toBe(401);
    expect(without.headers.get("www-authenticate")).toContain("Bearer");
    const body = await without.text();
    expect(body).toContain("WORKBENCH_METRICS_TOKEN");
    expect(body).not.toContain("workbench_");
    expect(body).not.toContain("metrics-token-0123456789abcdef");
    const wrong = await fetch(`${guarded.base}/metrics`, {
      headers: { authorization: "Bearer metrics-token-0123456789abcdeX" },
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${guarded.base}/metrics`, {
      headers: { authorization: "Bearer metrics-token-0123456789abcdef" },
    });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain("workbench_process_resident_memory_bytes");
  });

  it("error answers carry the request id in the X-Request-Id header and the body; a proxy's id is kept", async () => {
    const refused = await call(running.base, "/v1/environments", { token: "not-a-token" });
    expect(refused.status).toBe(401);
    expect(refused.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(refused.headers.get("x-request-id")).toBe(refused.body.requestId);

    const proxied = await call(running.base, "/v1/nowhere", { headers: { "x-request-id": "lb-7f3a.42" } });
    expect(proxied.status).toBe(404);
    expect(proxied.body.requestId).toBe("lb-7f3a.42");
    // Not an id: something else a client put in the header is not echoed.
    const odd = await call(running.base, "/v1/nowhere", { headers: { "x-request-id": "<script>" } });
    expect(odd.body.requestId).not.toBe("<script>");

    const oauth = await requestToken(running.base, "nobody", "nothing");
    expect(oauth.status).toBe(401);
    expect(oauth.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
