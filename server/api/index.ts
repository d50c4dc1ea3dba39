import { randomUUID } from "node:crypto";
import path from "node:path";
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyServerFactory,
  type FastifyServerOptions,
} from "fastify";
import { flushBatchedWriters } from "../../lib/db/batched-writer";
import {
  createRateLimiter,
  databaseRateLimitStore,
  stopKeyStatePoller,
  type RateLimitStore,
} from "../../lib/api-keys";
import { requireUserAgent } from "./auth";
import { rateLimitConfigFromEnv, type RateLimitConfig } from "./config";
import { frameworkError, installErrorHandlers } from "./errors";
import { config } from "../../lib/config";
import { buildOpenApiDocument } from "./openapi";
import { registerOperations, type OperationRateLimits } from "./operation";
import { registerMetrics, registerReadiness } from "./operability";
import { apiLogger, registerAccessLog, requestId } from "./logging";
import { registerTokenRoute } from "./token";
import { registerJwksRoute } from "./jwks";
import { V1_OPERATIONS } from "./v1";
import { trustFunction } from "../client-address";

export type BuildApiOptions = {
  serverFactory?: FastifyServerFactory;
  /** JSON log lines (pino) at WORKBENCH_LOG_LEVEL; off unless asked for (the server asks). */
  logger?: boolean;
  /** The folder holding the shipped migrations (GET /v1/ready compares them with the database's). */
  migrationsDir?: string;
  /** Overrides the WORKBENCH_*_RATE_LIMIT environment (tests, benchmark). */
  rateLimits?: Partial<RateLimitConfig & OperationRateLimits>;
  rateLimitStore?: RateLimitStore;
};

/** Send Request: requests per API key per minute (each one goes out to another system). */
const DEFAULT_OPERATION_LIMITS: OperationRateLimits = { sendRequest: { limit: 120, windowMs: 60_000 } };

/**
 * The public API (the "Atomic API"): /oauth2/* and /v1/*. It runs on Fastify beside Next in
 * one process because a Next route handler serves ~1,100 req/s here and Fastify ~20,000.
 * Closing it (api.close()) writes the pending usage counters and rate-limit counts.
 */
export async function buildApi(options: BuildApiOptions = {}): Promise<FastifyInstance> {
  const api = Fastify({
    serverFactory: options.serverFactory,
    logger: (options.logger ? apiLogger() : false) as FastifyServerOptions["logger"],
    // One id per request, in the log lines, the X-Request-Id header and error bodies; a sane
    // X-Request-Id from a proxy in front is kept so its logs and ours line up.
    genReqId: (request) => requestId(request.headers["x-request-id"]) ?? randomUUID(),
    // One access line per request comes from ./logging.ts (no query string, successes at debug).
    logController: new LogController({ disableRequestLogging: true }),
    // request.ip: the same computation as the console's (server/client-address.ts); with no
    // proxy trusted that is the socket's peer, which Fastify then reads without parsing headers.
    trustProxy: config().trustProxy.kind === "none" ? false : trustFunction(config().trustProxy),
    bodyLimit: 64 * 1024,
    return503OnClosing: true,
    frameworkErrors: frameworkError,
  });
  const limits = { ...DEFAULT_OPERATION_LIMITS, ...rateLimitConfigFromEnv(), ...options.rateLimits };
  const limiter = createRateLimiter(options.rateLimitStore ?? databaseRateLimitStore());

  installErrorHandlers(api);
  requireUserAgent(api);

  api.get("/v1/health", async () => ({ status: "ok" }));
  registerReadiness(
    api,
    options.migrationsDir ?? path.resolve(config().root ?? process.cwd(), "prisma", "migrations"),
  );
  if (config().metrics) registerMetrics(api);
  if (options.logger) registerAccessLog(api);
  const openApi = JSON.stringify(buildOpenApiDocument(V1_OPERATIONS));
  api.get("/v1/openapi.json", async (_request, reply) =>
    reply.type("application/json; charset=utf-8").send(openApi),
  );

  registerTokenRoute(api, { limiter, limits });
  registerJwksRoute(api);
  registerOperations(api, V1_OPERATIONS, { limiter, limits });

  api.addHook("onClose", async () => {
    await limiter.close();
    await flushBatchedWriters();
    stopKeyStatePoller();
  });
  return api;
}
