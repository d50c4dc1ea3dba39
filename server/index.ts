import http from "node:http";
import path from "node:path";
import next from "next";
import { buildApi } from "./api";
import { closeDb } from "../lib/db";
import { ensureFirstRun } from "../lib/organisations/first-run";
import { keyring } from "../lib/crypto";
import { startWebhookWorker } from "../lib/webhooks/delivery";
import { config } from "../lib/config";
import { clientAddress, trustFunction } from "./client-address";
import { API_CONTENT_SECURITY_POLICY, baseSecurityHeaders } from "./security-headers";
import { arrivedOverHttps, secureCookies } from "./secure-cookies";

const API_PREFIXES = ["/oauth2/", "/v1/", "/v1?"];

function isApiRequest(url: string | undefined): boolean {
  if (!url) return false;
  return url === "/v1" || API_PREFIXES.some((prefix) => url.startsWith(prefix));
}

async function main() {
  // A wrong variable stops the start with one list of every problem in the environment.
  const { port, host: hostname, root, trustProxy } = config();
  const trust = trustFunction(trustProxy);
  const baseHeaders = baseSecurityHeaders(config().publicUrl);
  const dir = root ?? path.resolve(__dirname, "..");

  // A missing, malformed or mismatched master key stops the start with a clear message,
  // never garbage ciphertext or a silently regenerated key.
  keyring();
  await ensureFirstRun();

  const app = next({ dev: false, dir, hostname, port });
  const handleNext = app.getRequestHandler();
  await app.prepare();

  let server: http.Server | undefined;
  const api = await buildApi({
    serverFactory: (handleApi) => {
      server = http.createServer((req, res) => {
        for (const [name, value] of Object.entries(baseHeaders)) res.setHeader(name, value);
        if (isApiRequest(req.url)) {
          res.setHeader("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
          return handleApi(req, res);
        }
        // The console reads the caller's address from this header (app/_lib/request.ts);
        // a value sent by the client is replaced, never trusted.
        req.headers["x-workbench-client-ip"] = clientAddress(req, trust);
        // Over https (here or at a trusted proxy) the session cookie is Secure whatever
        // WORKBENCH_URL says.
        if (arrivedOverHttps(req, trust)) secureCookies(res);
        void handleNext(req, res);
      });
      return server;
    },
  });
  await api.listen({ port, host: hostname });
  // Delivers the webhook outbox (every instance runs one; they share the work through leases).
  const webhooks = startWebhookWorker();
  console.log(`Workbench is running at http://${hostname === "127.0.0.1" ? "localhost" : hostname}:${port}`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: finishing in-flight requests…`);
    const force = setTimeout(() => {
      console.error("shutdown: timed out after 10 s, exiting");
      process.exit(1);
    }, 10_000);
    force.unref();
    server?.closeIdleConnections();
    await Promise.all([
      api.close(), // stops accepting, waits for in-flight requests, runs onClose hooks
      // Claims nothing more; deliveries not finished within 7 s are released to other instances.
      webhooks.stop({ graceMs: 7_000 }),
    ]);
    await closeDb();
    console.log("shutdown: done");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
