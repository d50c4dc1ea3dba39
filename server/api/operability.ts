import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { databasePool, webhookQueueDepth } from "../../lib/operability/gauges";
import { readiness } from "../../lib/operability/readiness";
import { DATABASE_RETRY_AFTER_SECONDS } from "../../lib/db";
import { config } from "../../lib/config";
import { problem, sendProblem } from "./errors";

// What an operator's tooling reads: GET /v1/ready for the load balancer, GET /metrics for
// Prometheus. /metrics exists only when WORKBENCH_METRICS is on: it is not registered otherwise,
// and the node:http front (server/index.ts) sends /metrics to Fastify only then.

export function registerReadiness(api: FastifyInstance, migrationsDir: string): void {
  api.get("/v1/ready", async (_request, reply) => {
    const state = await readiness(migrationsDir);
    if (!state.ready) reply.code(503).header("retry-after", String(DATABASE_RETRY_AFTER_SECONDS));
    return reply
      .header("cache-control", "no-store")
      .send({ status: state.ready ? "ready" : "not_ready", ...state });
  });
}

const TOKEN_OUTCOMES: Record<number, string> = {
  200: "issued",
  400: "invalid_request",
  401: "invalid_client",
  403: "forbidden",
  429: "rate_limited",
  503: "unavailable",
};

/** Registers GET /metrics and the hooks that count requests (only called when metrics are on). */
export function registerMetrics(api: FastifyInstance): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "workbench_" });
  const tokenRequests = new Counter({
    name: "workbench_token_requests_total",
    help: "POST /oauth2/token requests by outcome",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  const apiRequests = new Counter({
    name: "workbench_api_requests_total",
    help: "/v1 requests by route and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "workbench_api_request_duration_seconds",
    help: "Time to answer /oauth2 and /v1 requests",
    labelNames: ["method", "route"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const refusals = new Counter({
    name: "workbench_rate_limit_refusals_total",
    help: "Requests refused with 429 by a rate limit, by route",
    labelNames: ["route"] as const,
    registers: [registry],
  });
  new Gauge({
    name: "workbench_database_pool_connections",
    help: "PostgreSQL connections of this instance's pool by state (absent on SQLite)",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      const pool = databasePool();
      if (!pool) return;
      this.set({ state: "in_use" }, pool.inUse);
      this.set({ state: "idle" }, pool.idle);
      this.set({ state: "waiting" }, pool.waiting);
    },
  });
  new Gauge({
    name: "workbench_webhook_queue_depth",
    help: "Outgoing webhook messages waiting for delivery",
    registers: [registry],
    async collect() {
      this.set(await webhookQueueDepth().catch(() => NaN));
    },
  });

  api.addHook("onResponse", (request, reply, done) => {
    const route = request.routeOptions.url ?? "unmatched";
    if (route === "/metrics") return done();
    const status = reply.statusCode;
    if (route === "/oauth2/token") tokenRequests.inc({ outcome: TOKEN_OUTCOMES[status] ?? "error" });
    else apiRequests.inc({ method: request.method, route, status: String(status) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    if (status === 429) refusals.inc({ route });
    done();
  });

  const token = config().metricsToken;
  api.get("/metrics", async (request, reply) => {
    if (token !== undefined && !bearerMatches(request.headers.authorization, token)) {
      reply.header("www-authenticate", 'Bearer realm="metrics"');
      return sendProblem(
        reply,
        problem(
          401,
          "unauthorized",
          "GET /metrics needs the token set in WORKBENCH_METRICS_TOKEN as a bearer token.",
        ),
      );
    }
    return reply
      .type(registry.contentType)
      .header("cache-control", "no-store")
      .send(await registry.metrics());
  });
}

/** Compares in constant time, so the answer's timing does not reveal how much of a guess was right. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "");
  if (!match) return false;
  const given = createHash("sha256").update(match[1].trim()).digest();
  const expected = createHash("sha256").update(token).digest();
  return timingSafeEqual(given, expected);
}
