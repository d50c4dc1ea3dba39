// The production console for the console benchmarks (npm run bench:console, npm run bench:js):
// the built server (dist/server.mjs and .next/, from `npm run build`) on a fresh SQLite
// database of its own on loopback, its first-run Owner signed in once in Chromium for a
// session cookie. Nothing here leaves the machine.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { chromium } from "@playwright/test";
import { migrate } from "../migrate.mjs";

const root = path.resolve(__dirname, "..", "..");
export const OWNER = { email: "owner@bench.test", password: "bench-owner-password-1" };

export type ConsoleServer = {
  origin: string;
  databaseUrl: string;
  /** The environment the first run created and the benchmarks fill. */
  environment: "production";
  /** What the script process needs to call lib/ on the same database and master key. */
  env: Record<string, string>;
  stop(): void;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(origin: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const ok = await fetch(`${origin}/v1/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the server did not start within two minutes");
}

export async function startConsoleServer(): Promise<ConsoleServer> {
  if (!existsSync(path.join(root, "dist", "server.mjs")) || !existsSync(path.join(root, ".next")))
    throw new Error("no production build: run `npm run build` first");
  const dir = path.join(root, ".tmp", "bench-console", randomUUID());
  mkdirSync(dir, { recursive: true });
  const databaseUrl = `file:${path.join(dir, "workbench.db")}`;
  await migrate(databaseUrl, { quiet: true });
  const port = Number(process.env.BENCH_CONSOLE_PORT ?? (await freePort()));
  const origin = `http://localhost:${port}`;
  const env: Record<string, string> = {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: "127.0.0.1",
    WORKBENCH_URL: origin,
    WORKBENCH_ADMIN_EMAIL: OWNER.email,
    WORKBENCH_ADMIN_PASSWORD: OWNER.password,
    WORKBENCH_ENCRYPTION_KEY_FILE: path.join(dir, "master.key"),
    WORKBENCH_OUTBOUND_CONFINE_TO_LOOPBACK: "1",
  };
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=.tmp/prof": flags for the server's node.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, "dist", "server.mjs")], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: "", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = () => {
    child.kill(); // SIGTERM: the server shuts down cleanly (and writes a --cpu-prof profile)
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(origin, child);
  } catch (error) {
    stop();
    throw error;
  }
  return { origin, databaseUrl, environment: "production", env, stop };
}

/** Signs the Owner in through the sign-in form in Chromium; returns the Cookie header. */
export async function signInCookie(origin: string): Promise<string> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}/sign-in`);
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password").fill(OWNER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname !== "/sign-in" && url.pathname !== "/", { timeout: 30_000 });
    const cookies = await page.context().cookies();
    return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await browser.close();
  }
}

/** Fetches a console page as the signed-in Owner; throws unless it renders (200). */
export async function fetchPage(origin: string, pathname: string, cookie: string | null): Promise<string> {
  const response = await fetch(`${origin}${pathname}`, {
    headers: cookie ? { cookie } : {},
    redirect: "manual",
  });
  const body = await response.text();
  if (response.status !== 200)
    throw new Error(`${pathname}: ${response.status} ${response.headers.get("location") ?? ""}`);
  return body;
}

/**
 * Fills the console's production environment through lib/ on the server's database: one API
 * key and one credential made by the services, then `apiKeys` and `credentials` copies of
 * their rows and `auditEvents` audit entries, written in bulk. Returns the ids of the two
 * originals (for the detail pages).
 */
export async function seedConsole(
  server: ConsoleServer,
  counts: { apiKeys: number; credentials: number; auditEvents: number },
): Promise<{ apiKeyId: string; credentialId: string }> {
  Object.assign(process.env, server.env);
  const { db, closeDb } = await import("../../lib/db");
  const { createApiKey } = await import("../../lib/api-keys");
  const { createCredential } = await import("../../lib/credentials");
  const { default: Database } = await import("better-sqlite3");
  const environment = await db().environment.findFirstOrThrow({
    where: { name: server.environment },
    select: { id: true, organisationId: true },
  });
  const actor = { type: "system" as const, organisationId: environment.organisationId, label: "bench" };
  const key = await createApiKey(actor, {
    environmentId: environment.id,
    name: "service-0",
    kind: "fine_grained",
    permissions: ["cards:read"],
  });
  const credential = await createCredential(actor, {
    environmentId: environment.id,
    credential: {
      type: "basic",
      name: "Billing API 0",
      username: "bench-user",
      password: "bench-password-123",
      allowedDestinations: ["https://billing.example"],
    },
  });
  await closeDb();
  const sqlite = new Database(server.databaseUrl.replace(/^file:/, ""));
  sqlite.pragma("journal_mode = WAL");
  const copy = (
    table: string,
    id: string,
    n: number,
    vary: (row: Record<string, unknown>, i: number) => void,
  ) => {
    const row = sqlite.prepare(`SELECT * FROM "${table}" WHERE "id" = ?`).get(id) as Record<string, unknown>;
    const columns = Object.keys(row);
    const insert = sqlite.prepare(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
    );
    for (let i = 1; i < n; i++) {
      const copyRow: Record<string, unknown> = { ...row, id: `${id}-${i}` };
      vary(copyRow, i);
      insert.run(...columns.map((c) => copyRow[c]));
    }
  };
  const at = (i: number) => new Date(Date.now() - i * 60_000).toISOString().replace("Z", "+00:00");
  sqlite.transaction(() => {
    copy("api_key", key.key.id, counts.apiKeys, (row, i) => {
      row.name = `service-${i}`;
      row.clientId = `${String(row.clientId).slice(0, 8)}${String(i).padStart(8, "0")}`;
      row.createdAt = row.updatedAt = at(i);
      if (i % 7 === 0) row.revokedAt = at(i);
    });
    copy("credential", credential.id, counts.credentials, (row, i) => {
      row.name = `Billing API ${i}`;
      row.createdAt = row.updatedAt = at(i);
    });
    const audit = sqlite.prepare(
      `INSERT INTO "audit_event" ("id", "organisationId", "environmentId", "actorType", "actorId", "actorLabel", "action", "targetType", "targetId", "targetLabel", "ip", "userAgent", "details", "createdAt") VALUES (?, ?, ?, 'member', 'bench', 'owner@bench.test', ?, ?, ?, ?, '127.0.0.1', 'bench', '{}', ?)`,
    );
    const actions = [
      "api_key.create",
      "api_key.update",
      "credential.update",
      "card.create",
      "customer.update",
    ];
    for (let i = 0; i < counts.auditEvents; i++) {
      const action = actions[i % actions.length];
      const type = action.split(".")[0];
      audit.run(
        `audit-bench-${i}`,
        environment.organisationId,
        environment.id,
        action,
        type,
        `${type}-${i % 1000}`,
        `${type} ${i % 1000}`,
        new Date(Date.now() - i * 1000).toISOString().replace("Z", "+00:00"),
      );
    }
  })();
  // The seed's WAL (tens of MB, written behind the server's back) is folded into the database
  // file now, as the server's own checkpoints fold its writes in as they come: otherwise every
  // page the server reads during the run is looked up in it.
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  return { apiKeyId: key.key.id, credentialId: credential.id };
}
