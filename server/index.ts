import http from "node:http";
import path from "node:path";
import next from "next";
import { buildApi } from "./api";
import { closeDb } from "../lib/db";
import { ensureFirstRun } from "../lib/organisations/first-run";
import { keyring } from "../lib/crypto";
import { startWebhookWorker } from "../lib/webhooks/delivery";
import { startAnalyticsExporter } from "../lib/analytics-export";
import { config } from "../lib/config";
import { clientAddress, trustFunction } from "./client-address";
import {
  API_CONTENT_SECURITY_POLICY,
  baseSecurityHeaders,
  consoleContentSecurityPolicy,
} from "./security-headers";
import { randomText } from "../lib/crypto/random-pool";
import { arrivedOverHttps, secureCookies } from "./secure-cookies";

const API_PREFIXES = ["/oauth2/", "/v1/", "/v1?", "/.well-known/jwks/"];

// Next's build output under /_next/static and /_next/image, and the icon: files, not pages.
const STATIC_PREFIXES = ["/_next/static/", "/_next/image", "/favicon.ico"];

function isStaticFile(url: string | undefined): boolean {
  return url !== undefined && STATIC_PREFIXES.some((prefix) => url.startsWith(prefix));
}

function isApiRequest(url: string | undefined): boolean {
  if (!url) return false;
  return url === "/v1" || API_PREFIXES.some((prefix) => url.startsWith(prefix));
}

/** GET /metrics goes to Fastify only when WORKBENCH_METRICS is on (else it is the console's 404). */
function isMetricsRequest(url: string | undefined, metrics: boolean): boolean {
  return metrics && (url === "/metrics" || url?.startsWith("/metrics?") === true);
}

async function main() {
  // A wrong variable stops the start with one list of every problem in the environment.
  const { port, host: hostname, root, trustProxy, metrics } = config();
  const trust = trustFunction(trustProxy);
  const baseHeaders = baseSecurityHeaders(config().publicUrl);
  const [policyBefore, policyAfter] = consoleContentSecurityPolicy("\0", config().publicUrl).split("\0");
  const dir = root ?? path.resolve(__dirname, "..");

  // A missing, malformed or mismatched master key stops the start with a clear message,
  // never garbage ciphertext or a silently regenerated key.
  keyring();
  await ensureFirstRun();

  const app = next({ dev: false, dir, hostname, port });
  const handleNext = app.getRequestHandler();
  await app.prepare();

  let server: http.Server | undefined;
  let closing = false;
  const api = await buildApi({
    logger: true,
    migrationsDir: path.join(dir, "prisma", "migrations"),
    serverFactory: (handleApi) => {
      server = http.createServer((req, res) => {
        for (const [name, value] of Object.entries(baseHeaders)) res.setHeader(name, value);
        if (closing) return refuseWhileClosing(res);
        if (isApiRequest(req.url) || isMetricsRequest(req.url, metrics)) {
          res.setHeader("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
          return handleApi(req, res);
        }
        // The console reads the caller's address from this header (app/_lib/request.ts);
        // a value sent by the client is replaced, never trusted.
        req.headers["x-workbench-client-ip"] = clientAddress(req, trust);
        // Over https (here or at a trusted proxy) the session cookie is Secure whatever
        // WORKBENCH_URL says.
        if (arrivedOverHttps(req, trust)) secureCookies(res);
        if (!isStaticFile(req.url)) {
          // A fresh nonce per page and server action: the browser enforces the policy on the
          // response, and Next reads the nonce from the same header on the request and puts it
          // on its own scripts. (Set here, not in a Next proxy: running one cost every page
          // 4-5 ms on a 2-core host, a third of the sign-in page's render.)
          const policy = policyBefore + randomText(16, "base64url") + policyAfter;
          req.headers["content-security-policy"] = policy;
          res.setHeader("Content-Security-Policy", policy);
        }
        void handleNext(req, res);
      });
      return server;
    },
  });
  await api.listen({ port, host: hostname });
  // Delivers the webhook outbox (every instance runs one; they share the work through leases).
  const webhooks = startWebhookWorker();
  // Exports the outbox to S3 analytics buckets, a batch per interval (shared through leases too).
  const analytics = startAnalyticsExporter();
  api.log.info(`Workbench is running at http://${hostname === "127.0.0.1" ? "localhost" : hostname}:${port}`);

  // A log line must never stop the exit: when stdout is gone (the parent died), writing throws.
  const say = (level: "info" | "error", message: string) => {
    try {
      api.log[level](message);
    } catch {
      // nowhere to write
    }
  };
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    const force = setTimeout(() => {
      say("error", "shutdown: timed out after 10 s, exiting");
      process.exit(1);
    }, 10_000);
    force.unref();
    say("info", `${signal}: finishing in-flight requests…`);
    // Drain: for a moment every request on an open connection (or a new one) is answered 503
    // with `Connection: close`, so each client learns to go elsewhere before its connection
    // ends; closing kept-alive connections at once would reset the requests clients are
    // sending on them. Requests in flight carry on.
    await drain(server);
    let code = 0;
    try {
      await Promise.all([
        api.close(), // stops accepting, waits for in-flight requests, runs onClose hooks
        // Claims nothing more; deliveries not finished within 7 s are released to other instances.
        webhooks.stop({ graceMs: 7_000 }),
        analytics.stop({ graceMs: 7_000 }),
      ]);
      await closeDb();
      say("info", "shutdown: done");
    } catch {
      say("error", "shutdown: could not finish cleanly");
      code = 1;
    } finally {
      process.exit(code);
    }
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

const DRAIN_MS = 1_500;

/** Waits until no connection is open, or DRAIN_MS. */
async function drain(server: http.Server | undefined): Promise<void> {
  const deadline = Date.now() + DRAIN_MS;
  while (server && Date.now() < deadline) {
    const open = await new Promise<number>((resolve) => server.getConnections((_, n) => resolve(n ?? 0)));
    if (open === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A request that arrives on a kept-alive connection while shutting down: 503, and the connection closes. */
function refuseWhileClosing(res: http.ServerResponse): void {
  res.writeHead(503, {
    "content-type": "application/problem+json",
    "retry-after": "5",
    connection: "close",
  });
  res.end(
    JSON.stringify({
      type: "urn:workbench:problem:unavailable",
      title: "Service Unavailable",
      status: 503,
      detail: "This instance is shutting down; retry",
      code: "unavailable",
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
