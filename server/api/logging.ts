import type { FastifyInstance, FastifyRequest } from "fastify";
import { config } from "../../lib/config";

// Structured JSON log lines (pino, as Fastify carries it). A line never holds a secret: requests
// are logged by method and path only — the query string may carry a client_secret a client put
// there by mistake — and no header is logged (Authorization, cookies).

/** A request id a proxy in front sent, if it looks like one (letters, digits, `-_.:`; ≤ 128). */
export function requestId(header: string | string[] | undefined): string | undefined {
  return typeof header === "string" && /^[A-Za-z0-9._:-]{1,128}$/.test(header) ? header : undefined;
}

/** Fastify's logger options: JSON to stdout at WORKBENCH_LOG_LEVEL. */
export function apiLogger() {
  return {
    level: config().logLevel,
    base: { service: "workbench", pid: process.pid },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        path: request.url.split("?")[0].slice(0, 200),
      }),
    },
  };
}

/**
 * One line per answered request: refusals and errors at `info`/`error`, successes at `debug`
 * (off by default; the hot path writes nothing for them).
 */
export function registerAccessLog(api: FastifyInstance): void {
  api.addHook("onResponse", (request, reply, done) => {
    const status = reply.statusCode;
    const level = status >= 500 ? "error" : status >= 400 ? "info" : "debug";
    // Fastify's logger is pino's: it can say whether a level would be written.
    const log = request.log as typeof request.log & { isLevelEnabled(level: string): boolean };
    if (log.isLevelEnabled(level)) {
      request.log[level](
        {
          method: request.method,
          path: request.url.split("?")[0].slice(0, 200),
          status,
          ms: Math.round(reply.elapsedTime * 10) / 10,
        },
        "request",
      );
    }
    done();
  });
}
