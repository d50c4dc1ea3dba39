#!/usr/bin/env node
// The server Playwright tests run against: the production build on a fresh database of its
// own (never a non-local one), with fixed owner credentials and loopback outbound allowed.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate } from "./migrate.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const E2E = {
  port: Number(process.env.E2E_PORT ?? 3210),
  ownerEmail: "owner@e2e.test",
  ownerPassword: "e2e-owner-password-1",
};

function assertLocalDatabase(url) {
  if (url.startsWith("file:")) return;
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`e2e tests refuse to run against a non-local database (${host})`);
  }
}

async function main() {
  const dir = path.join(root, ".tmp", "e2e");
  let databaseUrl = process.env.E2E_DATABASE_URL;
  if (!databaseUrl) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    databaseUrl = `file:${path.join(dir, "workbench.db")}`;
  }
  assertLocalDatabase(databaseUrl);
  if (!existsSync(path.join(root, "dist", "server.mjs")))
    throw new Error("no production build: run `npm run build` first");
  await migrate(databaseUrl, { quiet: true });
  const env = {
    ...process.env,
    NODE_ENV: "production",
    NODE_OPTIONS: "",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    PORT: String(E2E.port),
    WORKBENCH_URL: `http://localhost:${E2E.port}`,
    WORKBENCH_ADMIN_EMAIL: E2E.ownerEmail,
    WORKBENCH_ADMIN_PASSWORD: E2E.ownerPassword,
    WORKBENCH_ENCRYPTION_KEY_FILE: path.join(dir, "master.key"),
    WORKBENCH_OUTBOUND_ALLOW: "127.0.0.0/8,::1",
    // As behind one load balancer: the client is the rightmost X-Forwarded-For address (the
    // browser sends none, so its socket address stands).
    WORKBENCH_TRUST_PROXY: "1",
    // Nothing a test does may leave the machine, not even a DNS query.
    WORKBENCH_OUTBOUND_CONFINE_TO_LOOPBACK: "1",
    // Webhook retries a second apart instead of Svix's minutes and hours, so a test sees them.
    WORKBENCH_WEBHOOK_RETRY_SCHEDULE: "0,1,1,1,1,1,1,1",
    // Analytics exports every 2 s (settled 1 s later) instead of every 5 minutes.
    WORKBENCH_ANALYTICS_BATCH_SECONDS: "2",
    WORKBENCH_ANALYTICS_SETTLE_SECONDS: "1",
  };
  // The server's output goes to the terminal and to .tmp/e2e-logs/server.log, where
  // e2e/logs.check.ts looks for the secrets the specs were handed.
  const logDir = path.join(root, ".tmp", "e2e-logs");
  rmSync(logDir, { recursive: true, force: true });
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(path.join(logDir, "server.log"));
  const child = spawn(process.execPath, ["--enable-source-maps", path.join(root, "dist", "server.mjs")], {
    cwd: root,
    env,
    stdio: ["inherit", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk) => {
    process.stdout.write(chunk);
    log.write(chunk);
  });
  child.stderr.on("data", (chunk) => {
    process.stderr.write(chunk);
    log.write(chunk);
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
