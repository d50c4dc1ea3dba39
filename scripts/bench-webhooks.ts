// npm run bench:webhooks — the webhook outbox on loopback, on SQLite and on PostgreSQL, in one run:
//   1. deliveries/s: N queued events drained by the delivery worker to a local sink, vs the same
//      N signed POSTs sent straight to the sink by the same process, client and concurrency with
//      no queue. Target: the outbox reaches at least half.
//   2. commit-to-first-attempt latency at a steady 100 events/s, each event committed in its own
//      transaction inside the server process as domain code does: p50/p99. Target: p99 ≤ 250 ms.
// The server (worker) runs in a child process, bundled as the production server is; with two or
// more cores and `taskset` it gets core 0 and this process (the sink, the driver) core 1.
// PostgreSQL, started on a random loopback port for the run, floats over both cores.
// Prints a table and exits 1 when a target is missed.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import { mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { availableParallelism } from "node:os";
import { createInterface } from "node:readline";
import path from "node:path";
import { bundleServer } from "../scripts/build.mjs";
import { migrate } from "../scripts/migrate.mjs";
import { startPostgres } from "../scripts/pg-server.mjs";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const root = path.resolve(__dirname, "..");

type Sink = {
  url: string;
  count: () => number;
  firstSeen: Map<string, number>;
  reset: () => void;
  waitFor: (n: number, timeoutMs: number) => Promise<number>;
  close: () => void;
};

/** Answers 200 at once; counts requests and notes when each webhook-id first arrived. */
async function startSink(): Promise<Sink> {
  let count = 0;
  const firstSeen = new Map<string, number>();
  let waiter: { n: number; resolve: (at: number) => void } | null = null;
  const server = http.createServer((req, res) => {
    const at = performance.timeOrigin + performance.now();
    const id = String(req.headers["webhook-id"] ?? "");
    if (!firstSeen.has(id)) firstSeen.set(id, at);
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      count++;
      if (waiter && count >= waiter.n) {
        waiter.resolve(performance.now());
        waiter = null;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    count: () => count,
    firstSeen,
    reset: () => {
      count = 0;
      firstSeen.clear();
    },
    waitFor: (n, timeoutMs) =>
      new Promise((resolve, reject) => {
        if (count >= n) return resolve(performance.now());
        const timer = setTimeout(() => reject(new Error(`sink saw ${count} of ${n} requests`)), timeoutMs);
        waiter = {
          n,
          resolve: (at) => {
            clearTimeout(timer);
            resolve(at);
          },
        };
      }),
    close: () => server.close(),
  };
}

function pinCores(): { prefix: string[]; note: string } {
  if (process.env.BENCH_PIN === "0")
    return { prefix: [], note: "server and sink share the cores (BENCH_PIN=0)" };
  const pinned =
    availableParallelism() >= 2 &&
    spawnSync("taskset", ["-a", "-p", "-c", "1", String(process.pid)], { stdio: "ignore" }).status === 0;
  if (!pinned) return { prefix: [], note: "server and sink share the cores (no taskset or one core)" };
  return {
    prefix: ["taskset", "-c", "0"],
    note: "server (worker) pinned to core 0, sink and driver to core 1",
  };
}

type Server = { port: number; concurrency: number; child: ChildProcess };

async function startServer(prefix: string[], databaseUrl: string, sink: Sink, key: string): Promise<Server> {
  const bundle = path.join(root, "dist", "bench-webhook-server.mjs");
  const [command, ...args] = [...prefix, process.execPath, bundle];
  const child = spawn(command, args, {
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      SINK_URL: sink.url,
      WORKBENCH_ENCRYPTION_KEY: key,
      WORKBENCH_OUTBOUND_ALLOW: "127.0.0.0/8",
      WORKBENCH_OUTBOUND_CONFINE_TO_LOOPBACK: "1",
    },
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
    createInterface({ input: child.stdout! }).once("line", (line) =>
      resolve({ ...(JSON.parse(line) as { port: number; concurrency: number }), child }),
    );
  });
}

async function control<T>(server: Server, route: string): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${server.port}${route}`, { method: "POST" });
  if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

type Result = {
  name: string;
  outbox: number;
  plain: number;
  p50: number;
  p99: number;
  lost: number;
  emitFailed: number;
};

async function run(name: string, databaseUrl: string, prefix: string[], sink: Sink): Promise<Result> {
  await migrate(databaseUrl, { quiet: true });
  const server = await startServer(prefix, databaseUrl, sink, randomBytes(32).toString("base64"));
  try {
    const outboxRound = async (n: number) => {
      await control(server, `/fill?n=${n}`);
      sink.reset();
      const start = performance.now();
      await control(server, "/resume");
      return (n / ((await sink.waitFor(n, 600_000)) - start)) * 1000;
    };
    const plainRound = async (n: number) => {
      sink.reset();
      const start = performance.now();
      const { failed } = await control<{ failed: number }>(server, `/plain?n=${n}`);
      if (failed) throw new Error(`${failed} plain requests failed`);
      return (n / ((await sink.waitFor(n, 600_000)) - start)) * 1000;
    };
    // Warm-up (JIT, connections, caches), then alternate rounds so a burst elsewhere on the
    // machine does not land on one side only.
    await plainRound(200);
    await outboxRound(200);
    const outbox: number[] = [];
    const plain: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      plain.push(await plainRound(EVENTS));
      outbox.push(await outboxRound(EVENTS));
    }
    sink.reset();
    const { commits, failed } = await control<{
      commits: { id: string; committedAt: number }[];
      failed: number;
    }>(server, `/steady?rate=${RATE}&seconds=${SECONDS}`);
    await sink.waitFor(commits.length, 60_000).catch(() => undefined);
    const latencies = commits
      .map((commit) => (sink.firstSeen.get(commit.id) ?? Number.POSITIVE_INFINITY) - commit.committedAt)
      .sort((a, b) => a - b);
    const average = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
    return {
      name,
      outbox: Math.round(average(outbox)),
      plain: Math.round(average(plain)),
      p50: Math.round(percentile(latencies, 50) * 10) / 10,
      p99: Math.round(percentile(latencies, 99) * 10) / 10,
      lost: latencies.filter((l) => !Number.isFinite(l)).length,
      emitFailed: failed,
    };
  } finally {
    const exited = new Promise((resolve) => server.child.once("exit", resolve));
    server.child.kill("SIGTERM");
    await exited;
  }
}

async function main() {
  // PostgreSQL starts before this process is pinned, so it is not confined to the sink's core.
  const pg = startPostgres({ port: 57000 + Math.floor(Math.random() * 2000) });
  const cores = pinCores();
  const sink = await startSink();
  try {
    await bundleServer(
      path.join(__dirname, "bench", "webhook-server.ts"),
      path.join(root, "dist", "bench-webhook-server.mjs"),
    );
    const dir = path.join(root, ".tmp", "bench");
    mkdirSync(dir, { recursive: true });
    console.log(
      `${EVENTS} events per round, ${ROUNDS} alternating rounds after a warm-up; latency at ${RATE} events/s for ${SECONDS} s`,
    );
    console.log(`${cores.note}\n`);
    const results = [
      await run("SQLite", `file:${path.join(dir, `${randomUUID()}.db`)}`, cores.prefix, sink),
      await run(
        "PostgreSQL",
        pg.createDatabase(`bench_${randomUUID().replace(/-/g, "").slice(0, 12)}`),
        cores.prefix,
        sink,
      ),
    ];
    console.log(
      `${"database".padEnd(12)} ${"outbox/s".padStart(9)} ${"plain/s".padStart(9)} ${"ratio".padStart(7)}   ${"commit→first attempt p50".padStart(25)} ${"p99".padStart(9)}`,
    );
    let met = true;
    for (const r of results) {
      const ratio = r.outbox / r.plain;
      console.log(
        `${r.name.padEnd(12)} ${String(r.outbox).padStart(9)} ${String(r.plain).padStart(9)} ${ratio.toFixed(2).padStart(7)}   ${`${r.p50} ms`.padStart(25)} ${`${r.p99} ms`.padStart(9)}${r.lost ? `   (${r.lost} not delivered in time)` : ""}${r.emitFailed ? `   (${r.emitFailed} events could not be committed)` : ""}`,
      );
      met &&= ratio >= 0.5 && r.p99 <= 250 && r.lost === 0 && r.emitFailed === 0;
    }
    console.log("\ntargets: outbox ≥ 0.5 × plain requests; commit→first attempt p99 ≤ 250 ms");
    console.log(met ? "targets met" : "targets NOT met");
    process.exitCode = met ? 0 : 1;
  } finally {
    sink.close();
    pg.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
