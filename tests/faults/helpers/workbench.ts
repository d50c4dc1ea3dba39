// Starts the production server (dist/server.mjs, as `npm start` runs it) as a child process on a
// free loopback port, with its log lines kept in a file under .tmp/faults/logs (the secret grep
// reads them). Each test starts, kills and restarts its own instances.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "../../..");
export const FAULTS_DIR = path.join(ROOT, ".tmp", "faults");
export const LOG_DIR = path.join(FAULTS_DIR, "logs");
export const OWNER = { email: "owner@faults.test", password: "faults-owner-password-1" };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type Workbench = {
  base: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends the signal and waits for the process to exit. */
  stop: (signal?: NodeJS.Signals) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

let instances = 0;
const named = new Set<string>();

export async function startWorkbench(options: {
  name: string;
  databaseUrl: string;
  env?: Record<string, string>;
  port?: number;
}): Promise<Workbench> {
  if (!existsSync(path.join(ROOT, "dist", "server.mjs")))
    throw new Error("no production build: run `npm run build` first");
  mkdirSync(LOG_DIR, { recursive: true });
  if (!named.has(options.name)) {
    // A new run under this name: the logs of earlier runs are not this run's.
    named.add(options.name);
    for (const file of readdirSync(LOG_DIR))
      if (file.startsWith(`${options.name}-`)) rmSync(path.join(LOG_DIR, file));
  }
  const port = options.port ?? (await freePort());
  const log = createWriteStream(path.join(LOG_DIR, `${options.name}-${process.pid}-${++instances}.log`));
  // FAULTS_CPU_PROF=<dir>: each server writes a CPU profile there when it exits (open it in
  // Chrome's DevTools, or read its long samples to find what stalls the event loop).
  const profile = process.env.FAULTS_CPU_PROF
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.FAULTS_CPU_PROF}`]
    : [];
  const child = spawn(process.execPath, [...profile, path.join(ROOT, "dist", "server.mjs")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NODE_OPTIONS: "",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      WORKBENCH_URL: `http://localhost:${port}`,
      WORKBENCH_ADMIN_EMAIL: OWNER.email,
      WORKBENCH_ADMIN_PASSWORD: OWNER.password,
      WORKBENCH_ENCRYPTION_KEY_FILE: path.join(FAULTS_DIR, `${options.name}.key`),
      WORKBENCH_OUTBOUND_CONFINE_TO_LOOPBACK: "1",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      log.write(chunk);
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => {
      log.end();
      resolve({ code, signal });
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${options.name} exited before it was ready:\n${output.slice(-2000)}`);
    try {
      const response = await fetch(`${base}/v1/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${options.name} was not ready within 60 s:\n${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    port,
    child,
    output: () => output,
    exited,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Every log line the servers started under `name` wrote. */
export function logsOf(name: string): string {
  if (!existsSync(LOG_DIR)) return "";
  return readdirSync(LOG_DIR)
    .filter((file) => file.startsWith(`${name}-`))
    .map((file) => readFileSync(path.join(LOG_DIR, file), "utf8"))
    .join("\n");
}
