// npm run bench:api — throughput of the public API on loopback, in one run:
//   1. POST /oauth2/token: ours vs oidc-provider's (client_credentials) vs a bare node:http server
//   2. GET /v1/environments with a Bearer token vs the same handler without authentication
// Targets: our token endpoint ≥ 2× oidc-provider's req/s with a p99 no worse; the
// authenticated route ≥ 80 % of the unauthenticated one. Servers run in a child process,
// bundled as the production server is; with two or more cores and `taskset`, the servers get
// core 0 and the load generator core 1, so neither steals the other's CPU.
import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { createInterface } from "node:readline";
import path from "node:path";
import autocannon from "autocannon";
import { bundleServer } from "../scripts/build.mjs";
import { migrate } from "../scripts/migrate.mjs";

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const UA = "workbench-bench/1.0";

type Ports = {
  workbench: { port: number; clientId: string; clientSecret: string };
  oidc: { port: number; clientId: string; clientSecret: string };
  baseline: { port: number };
};
type Row = { name: string; rps: number; p50: number; p99: number; errors: number; non2xx: number };

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

function print(row: Row): void {
  const line = `${row.name.padEnd(40)} ${String(row.rps).padStart(7)} req/s   p50 ${row.p50} ms   p99 ${row.p99} ms`;
  console.log(`${line}   non-2xx ${row.non2xx}   errors ${row.errors}`);
}

async function measure(name: string, options: autocannon.Options): Promise<Row> {
  const result = await autocannon({ ...options, duration: DURATION, connections: CONNECTIONS });
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/**
 * Warms each target up, then measures them alternately for ROUNDS rounds and averages, so a
 * burst of load from elsewhere on the machine does not land on one side of a comparison only.
 */
async function compare(targets: [string, autocannon.Options][]): Promise<Row[]> {
  for (const [, options] of targets) await autocannon({ ...options, duration: 3, connections: CONNECTIONS });
  const runs: Row[][] = targets.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, [name, options]] of targets.entries()) runs[i].push(await measure(name, options));
  }
  const rows = runs.map((list) => ({
    name: list[0].name,
    rps: Math.round(list.reduce((sum, r) => sum + r.rps, 0) / list.length),
    p50: Math.max(...list.map((r) => r.p50)),
    p99: Math.max(...list.map((r) => r.p99)),
    errors: list.reduce((sum, r) => sum + r.errors, 0),
    non2xx: list.reduce((sum, r) => sum + r.non2xx, 0),
  }));
  rows.forEach(print);
  return rows;
}

const root = path.resolve(__dirname, "..");

/** Pins this process (all its threads) to core 1 and returns the prefix that starts a command on core 0. */
function pinCores(): { prefix: string[]; note: string } {
  if (process.env.BENCH_PIN === "0")
    return { prefix: [], note: "servers and load generator share the cores (BENCH_PIN=0)" };
  const pinned =
    availableParallelism() >= 2 &&
    spawnSync("taskset", ["-a", "-p", "-c", "1", String(process.pid)], { stdio: "ignore" }).status === 0;
  if (!pinned)
    return { prefix: [], note: "servers and load generator share the cores (no taskset or one core)" };
  return { prefix: ["taskset", "-c", "0"], note: "servers pinned to core 0, load generator to core 1" };
}

async function startServers(prefix: string[]): Promise<{ ports: Ports; stop: () => void }> {
  const dir = path.join(root, ".tmp", "bench");
  mkdirSync(dir, { recursive: true });
  const databaseUrl = `file:${path.join(dir, `${randomUUID()}.db`)}`;
  await migrate(databaseUrl, { quiet: true });
  const bundle = path.join(root, "dist", "bench-servers.mjs");
  await bundleServer(path.join(__dirname, "bench", "servers.ts"), bundle);
  const [command, ...args] = [...prefix, process.execPath, bundle];
  const child = spawn(command, args, {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl },
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`bench servers exited with ${code}`)));
    createInterface({ input: child.stdout }).once("line", (line) =>
      resolve({ ports: JSON.parse(line) as Ports, stop: () => child.kill() }),
    );
  });
}

function tokenRequest(
  port: number,
  tokenPath: string,
  id: string,
  secret: string,
  query: string,
): autocannon.Options {
  return {
    url: `http://127.0.0.1:${port}${tokenPath}${query}`,
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: basic(id, secret),
      "user-agent": UA,
    },
    body: query ? undefined : "grant_type=client_credentials",
  };
}

async function main() {
  const cores = pinCores();
  const { ports, stop } = await startServers(cores.prefix);
  try {
    const { workbench: wb, oidc, baseline } = ports;
    console.log(
      `autocannon: ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${DURATION} s after a 3 s warm-up; p50/p99 = worst round`,
    );
    console.log(`${cores.note}\n`);
    const [bare, ours, theirs] = await compare([
      ["bare node:http (baseline)", tokenRequest(baseline.port, "/", "a", "b", "")],
      [
        "Workbench POST /oauth2/token",
        tokenRequest(
          wb.port,
          "/oauth2/token",
          wb.clientId,
          wb.clientSecret,
          `?grant_type=client_credentials&client_id=${wb.clientId}`,
        ),
      ],
      ["oidc-provider POST /token", tokenRequest(oidc.port, "/token", oidc.clientId, oidc.clientSecret, "")],
    ]);
    const token = await fetch(`http://127.0.0.1:${wb.port}/oauth2/token?grant_type=client_credentials`, {
      method: "POST",
      headers: {
        authorization: basic(wb.clientId, wb.clientSecret),
        "content-type": "application/x-www-form-urlencoded",
      },
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    console.log("");
    const [authed, open] = await compare([
      [
        "GET /v1/environments (Bearer)",
        {
          url: `http://127.0.0.1:${wb.port}/v1/environments`,
          headers: { authorization: `Bearer ${token.access_token}`, "user-agent": UA },
        },
      ],
      [
        "GET /bench/environments (no auth twin)",
        { url: `http://127.0.0.1:${wb.port}/bench/environments`, headers: { "user-agent": UA } },
      ],
    ]);

    const tokenRatio = ours.rps / theirs.rps;
    const authRatio = authed.rps / open.rps;
    console.log(
      `\ntoken endpoint vs oidc-provider: ${tokenRatio.toFixed(2)}× req/s (target ≥ 2), p99 ${ours.p99} vs ${theirs.p99} ms (target: no worse)`,
    );
    console.log(`token endpoint vs bare node:http: ${(ours.rps / bare.rps).toFixed(2)}×`);
    console.log(
      `authenticated vs unauthenticated /v1/environments: ${(authRatio * 100).toFixed(1)} % (target ≥ 80 %)`,
    );
    const bad = [ours, theirs, authed, open].filter((r) => r.non2xx > 0 || r.errors > 0);
    const met = tokenRatio >= 2 && ours.p99 <= theirs.p99 && authRatio >= 0.8 && bad.length === 0;
    console.log(
      met
        ? "targets met"
        : `targets NOT met${bad.length ? ` (failed requests in: ${bad.map((r) => r.name).join(", ")})` : ""}`,
    );
    process.exitCode = met ? 0 : 1;
  } finally {
    stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
