import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/console";

// The server's own life cycle, on a second instance with a database of its own: first-run
// set-up printing the Owner's password once, idempotent restarts, graceful shutdown.
const root = path.resolve(__dirname, "..");
const port = Number(process.env.E2E_PORT ?? 3210) + 50;
const dir = path.join(root, ".tmp", "e2e-lifecycle");
const databaseUrl = `file:${path.join(dir, "workbench.db")}`;

type Running = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

async function startServer(): Promise<Running> {
  execFileSync(process.execPath, [path.join(root, "scripts", "migrate.mjs")], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NODE_OPTIONS: "",
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    WORKBENCH_URL: `http://localhost:${port}`,
    WORKBENCH_ENCRYPTION_KEY_FILE: path.join(dir, "master.key"),
  };
  delete env.WORKBENCH_ADMIN_EMAIL;
  delete env.WORKBENCH_ADMIN_PASSWORD;
  // The embedded default's own key file, even when the suite itself runs on PostgreSQL.
  delete env.WORKBENCH_ENCRYPTION_KEY;
  const child = spawn(process.execPath, [path.join(root, "dist", "server.mjs")], { cwd: root, env });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await expect.poll(() => output, { timeout: 30_000 }).toContain("Workbench is running at");
  return { child, output: () => output, exited };
}

test.beforeAll(() => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
});

test("first run prints the Owner's password once, and it signs in; a restart does not print it again", async ({
  page,
}) => {
  const first = await startServer();
  const match = /Sign in as (\S+)\nwith the password (\S+)/.exec(first.output());
  expect(match).not.toBeNull();
  const [, email, password] = match!;
  await signIn(page, email, password, `http://localhost:${port}`);
  await expect(page).toHaveURL(`http://localhost:${port}/production/configuration/api-keys`);
  // The database (with its WAL files while the server runs) and the master key: owner only.
  const database = databaseUrl.replace(/^file:/, "");
  for (const file of [database, `${database}-wal`, `${database}-shm`, path.join(dir, "master.key")])
    expect(statSync(file).mode & 0o777, file).toBe(0o600);
  first.child.kill("SIGTERM");
  expect(await first.exited).toBe(0);

  const second = await startServer();
  expect(second.output()).not.toContain("First run");
  expect(second.output()).not.toContain(password);
  second.child.kill("SIGTERM");
  expect(await second.exited).toBe(0);
});

test("SIGTERM finishes a request in flight before the server exits", async () => {
  const server = await startServer();
  const socket = net.connect(port, "127.0.0.1");
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  let response = "";
  socket.on("data", (chunk) => (response += chunk.toString()));
  const body = "grant_type=client_credentials";
  // Headers now, the body only after the server was told to stop. `Expect: 100-continue` makes
  // the server say when it has taken the request in, so the signal cannot overtake the headers.
  socket.write(
    `POST /oauth2/token HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUser-Agent: e2e\r\nExpect: 100-continue\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`,
  );
  await expect.poll(() => response).toContain("HTTP/1.1 100 Continue\r\n\r\n");
  response = "";
  server.child.kill("SIGTERM");
  await expect.poll(() => server.output()).toContain("finishing in-flight requests");
  socket.end(body);
  await expect.poll(() => response, { timeout: 10_000 }).toMatch(/^HTTP\/1\.1 [1-4]\d\d /);
  expect(await server.exited).toBe(0);
  expect(server.output()).toContain("shutdown: done");
});
