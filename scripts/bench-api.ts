// npm run bench:api — throughput of the public API on loopback, in one run:
//   1. POST /oauth2/token: ours vs oidc-provider's (client_credentials) vs a bare node:http server
//   2. GET /v1/environments with a Bearer token vs the same handler without authentication
//   3. the /v1 reads (environments, a page of 20 of 10,000 cards, a customer by id) beside
//      their ceiling: the same query on a bare Fastify route through a prepared statement of
//      better-sqlite3, no authentication, no ORM
//   4. the /v1 writes (POST cards, POST events) on the embedded SQLite and on PostgreSQL
// Sections 3 and 4 measure the token endpoint again in their own rounds, and take their ratios
// to that. Targets: our token endpoint ≥ 2× oidc-provider's req/s with a p99 no worse; the
// authenticated route ≥ 80 % of the unauthenticated one; each read ≥ 50 % of the token
// endpoint's req/s with p99 ≤ 15 ms and ≥ 60 % of its ceiling; each SQLite write ≥ 25 % of the
// token endpoint's req/s; no failed request anywhere. Servers run in a child process, bundled
// as the production server is; with two or more cores and `taskset`, the servers get core 0
// and the load generator core 1, so neither steals the other's CPU.
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { createInterface } from "node:readline";
import path from "node:path";
import autocannon from "autocannon";
import { bundleServer } from "../scripts/build.mjs";
import { migrate } from "../scripts/migrate.mjs";
import { pinCores } from "./bench/pin-cores";
import { findPostgresBin, startPostgres } from "../scripts/pg-server.mjs";

const DURATION = Number(process.env.BENCH_DURATION ?? 1);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const UA = "workbench-bench/1.0";

type Workbench = {
  port: number;
  clientId: string;
  clientSecret: string;
  environmentId: number;
  customerId: string;
};
type Ports = {
  workbench: Workbench;
  oidc: { port: number; clientId: string; clientSecret: string };
  baseline: { port: number };
  ceiling: { port: number };
};
type Row = { name: string; rps: number; p50: number; p99: number; errors: number; non2xx: number };

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

function print(row: Row): void {
  const line = `${row.name.padEnd(46)} ${String(row.rps).padStart(7)} req/s   p50 ${row.p50} ms   p99 ${row.p99} ms`;
  console.log(`${line}   non-2xx ${row.non2xx}   errors ${row.errors}`);
}

/** A run made with `skipAggregateResult`, and autocannon's merge of such runs (untyped upstream). */
type RawRun = autocannon.Result & { totalCompletedRequests: number };
const { aggregateResult } = autocannon as unknown as {
  aggregateResult(results: RawRun[], options: autocannon.Options): autocannon.Result;
};

/**
 * Warms each target up, then measures them in turn for ROUNDS short rounds (the order reversed
 * every other round), so a route and the line it is compared with are measured seconds apart
 * all through the run, and a burst of load from elsewhere on the machine, or this host's drift,
 * lands on both sides of a comparison. A row is the whole of its rounds: requests over seconds,
 * and p50/p99 of every request's latency in all of them.
 */
async function compare(targets: [string, autocannon.Options][]): Promise<Row[]> {
  for (const [, options] of targets) await autocannon({ ...options, duration: 3, connections: CONNECTIONS });
  const runs: RawRun[][] = targets.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    const order = [...targets.keys()];
    if (round % 2) order.reverse();
    for (const i of order) {
      const options = { ...targets[i][1], duration: DURATION, connections: CONNECTIONS };
      runs[i].push((await autocannon({ ...options, skipAggregateResult: true })) as RawRun);
    }
  }
  const rows = runs.map((list, i): Row => {
    const [name, options] = targets[i];
    const all = aggregateResult(list, { ...options, connections: CONNECTIONS });
    const requests = list.reduce((sum, r) => sum + r.totalCompletedRequests, 0);
    const seconds = list.reduce((sum, r) => sum + r.duration, 0);
    return {
      name,
      rps: Math.round(requests / seconds),
      p50: all.latency.p50,
      p99: all.latency.p99,
      errors: all.errors,
      non2xx: all.non2xx,
    };
  });
  rows.forEach(print);
  return rows;
}

const root = path.resolve(__dirname, "..");

async function startServers<P>(
  prefix: string[],
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<{ ports: P; stop: () => void }> {
  await migrate(databaseUrl, { quiet: true });
  const bundle = path.join(root, "dist", "bench-servers.mjs");
  await bundleServer(path.join(__dirname, "bench", "servers.ts"), bundle);
  // BENCH_PROFILE=1: the servers' process writes a CPU profile to .tmp/prof when it stops.
  const profile =
    process.env.BENCH_PROFILE === "1"
      ? ["--cpu-prof", `--cpu-prof-dir=${path.join(root, ".tmp", "prof")}`]
      : [];
  const [command, ...args] = [...prefix, process.execPath, ...profile, bundle];
  const child = spawn(command, args, {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, ...env },
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`bench servers exited with ${code}`)));
    createInterface({ input: child.stdout }).once("line", (line) =>
      resolve({ ports: JSON.parse(line) as P, stop: () => child.kill() }),
    );
  });
}

function sqliteUrl(): string {
  const dir = path.join(root, ".tmp", "bench");
  mkdirSync(dir, { recursive: true });
  return `file:${path.join(dir, `${randomUUID()}.db`)}`;
}

async function accessToken(wb: Workbench): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${wb.port}/oauth2/token?grant_type=client_credentials`, {
    method: "POST",
    headers: {
      authorization: basic(wb.clientId, wb.clientSecret),
      "content-type": "application/x-www-form-urlencoded",
    },
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

function bearerGet(port: number, url: string, token: string): autocannon.Options {
  return {
    url: `http://127.0.0.1:${port}${url}`,
    headers: { authorization: `Bearer ${token}`, "user-agent": UA },
  };
}

/**
 * The two writes, each request a new card (POST events: for one of 100 customers), each queuing
 * its webhook messages for one (paused) endpoint; after the token endpoint, measured in the same
 * rounds so their ratio to it is taken side by side.
 */
function writes(wb: Workbench, token: string, label: string): [string, autocannon.Options][] {
  const headers = { authorization: `Bearer ${token}`, "user-agent": UA, "content-type": "application/json" };
  let n = 0;
  return [
    [`  token endpoint, same rounds (${label})`, ourTokenRequest(wb)],
    [
      `POST /v1/{env}/cards (${label})`,
      {
        url: `http://127.0.0.1:${wb.port}/v1/${wb.environmentId}/cards`,
        method: "POST",
        headers,
        body: JSON.stringify({ title: "Bench card", body: "Written by the benchmark" }),
      },
    ],
    [
      `POST /v1/{env}/events (${label})`,
      {
        url: `http://127.0.0.1:${wb.port}/v1/${wb.environmentId}/events`,
        method: "POST",
        headers,
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              body: JSON.stringify({
                customerExternalId: `bench-customer-${n++ % 100}`,
                title: "Bench event",
              }),
            }),
          },
        ],
      },
    ],
  ];
}

/** The writes on a throwaway PostgreSQL (started here on loopback), or null without one. */
async function postgresWrites(prefix: string[]): Promise<Row[] | null> {
  if (process.env.BENCH_POSTGRES === "0" || !findPostgresBin()) return null;
  const pg = startPostgres({ port: 57000 + Math.floor(Math.random() * 2000) });
  try {
    const { ports, stop } = await startServers<{ workbench: Workbench }>(prefix, pg.url, {
      BENCH_SERVERS: "workbench",
      WORKBENCH_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    });
    try {
      const wb = ports.workbench;
      return await compare(writes(wb, await accessToken(wb), "PostgreSQL"));
    } finally {
      stop();
    }
  } finally {
    pg.stop();
  }
}

const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(1)} %`;

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

/** Our token endpoint, the client's id and secret in Basic and its id in the query string. */
function ourTokenRequest(wb: Workbench): autocannon.Options {
  return tokenRequest(
    wb.port,
    "/oauth2/token",
    wb.clientId,
    wb.clientSecret,
    `?grant_type=client_credentials&client_id=${wb.clientId}`,
  );
}

async function main() {
  const cores = pinCores("servers", "load generator");
  const { ports, stop } = await startServers<Ports>(cores.prefix, sqliteUrl());
  const failures: string[] = [];
  const target = (met: boolean, what: string) => {
    if (!met) failures.push(what);
    return met ? "" : "   ← missed";
  };
  try {
    const { workbench: wb, oidc, baseline, ceiling } = ports;
    console.log(
      `autocannon: ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${DURATION} s after a 3 s warm-up; p50/p99 over every request of the rounds`,
    );
    console.log(`${cores.note}\n`);
    const [bare, ours, theirs] = await compare([
      ["bare node:http (baseline)", tokenRequest(baseline.port, "/", "a", "b", "")],
      ["Workbench POST /oauth2/token", ourTokenRequest(wb)],
      ["oidc-provider POST /token", tokenRequest(oidc.port, "/token", oidc.clientId, oidc.clientSecret, "")],
    ]);
    const token = await accessToken(wb);
    console.log("");
    const [authed, open] = await compare([
      ["GET /v1/environments (Bearer)", bearerGet(wb.port, "/v1/environments", token)],
      [
        "GET /bench/environments (no auth twin)",
        { url: `http://127.0.0.1:${wb.port}/bench/environments`, headers: { "user-agent": UA } },
      ],
    ]);
    console.log("");
    const env = wb.environmentId;
    // Each ceiling must answer exactly what its /v1 route answers, or the comparison is not fair.
    for (const [route, top] of [
      [`/v1/${env}/cards`, `/ceiling/${env}/cards`],
      [`/v1/${env}/customers/${wb.customerId}`, `/ceiling/${env}/customers/${wb.customerId}`],
      ["/v1/environments", "/ceiling/environments"],
    ]) {
      const body = async (port: number, url: string) =>
        (
          await fetch(`http://127.0.0.1:${port}${url}`, {
            headers: { authorization: `Bearer ${token}`, "user-agent": UA },
          })
        ).json();
      if (!isDeepStrictEqual(await body(wb.port, route), await body(ceiling.port, top)))
        target(false, `the ceiling ${top} answers what ${route} answers`);
    }
    // The token endpoint again, in the same rounds as the reads: their ratio to it is taken side by
    // side, not against a measurement made minutes earlier (this machine's speed drifts).
    const [readsToken, ...reads] = await compare([
      ["  token endpoint, same rounds", ourTokenRequest(wb)],
      ["GET /v1/{env}/cards (20 of 10,000)", bearerGet(wb.port, `/v1/${env}/cards`, token)],
      [
        "  ceiling: bare Fastify + prepared statement",
        bearerGet(ceiling.port, `/ceiling/${env}/cards`, token),
      ],
      ["GET /v1/{env}/customers/{id}", bearerGet(wb.port, `/v1/${env}/customers/${wb.customerId}`, token)],
      [
        "  ceiling: bare Fastify + prepared statement",
        bearerGet(ceiling.port, `/ceiling/${env}/customers/${wb.customerId}`, token),
      ],
      ["GET /v1/environments (Bearer)", bearerGet(wb.port, "/v1/environments", token)],
      ["  ceiling of GET /v1/environments", bearerGet(ceiling.port, "/ceiling/environments", token)],
    ]);
    const [cards, cardsCeiling, customer, customerCeiling, environments, environmentsCeiling] = reads;
    console.log("");
    const [sqliteToken, ...sqliteWrites] = await compare(writes(wb, token, "SQLite"));
    stop();
    console.log("");
    const [pgToken, ...pgWriteRows] = (await postgresWrites(cores.prefix)) ?? [];
    const pgWrites = pgToken ? pgWriteRows : null;
    if (!pgWrites)
      console.log("(no PostgreSQL installed or BENCH_POSTGRES=0: PostgreSQL writes not measured)");

    const tokenRatio = ours.rps / theirs.rps;
    console.log(
      `\ntoken endpoint vs oidc-provider: ${tokenRatio.toFixed(2)}× req/s (target ≥ 2), p99 ${ours.p99} vs ${theirs.p99} ms (target: no worse)` +
        target(tokenRatio >= 2 && ours.p99 <= theirs.p99, "token endpoint vs oidc-provider"),
    );
    console.log(`token endpoint vs bare node:http: ${(ours.rps / bare.rps).toFixed(2)}×`);
    console.log(
      `authenticated vs unauthenticated /v1/environments: ${pct(authed.rps, open.rps)} (target ≥ 80 %)` +
        target(authed.rps / open.rps >= 0.8, "authenticated vs unauthenticated"),
    );
    console.log(
      "\nreads (target: ≥ 50 % of the token endpoint measured in the same rounds, p99 ≤ 15 ms, ≥ 60 % of the ceiling):",
    );
    for (const [row, top] of [
      [environments, environmentsCeiling],
      [cards, cardsCeiling],
      [customer, customerCeiling],
    ] as const) {
      const met = row.rps / readsToken.rps >= 0.5 && row.p99 <= 15 && row.rps / top.rps >= 0.6;
      console.log(
        `  ${row.name.padEnd(36)} ${pct(row.rps, readsToken.rps).padStart(7)} of token   p99 ${row.p99} ms   ${pct(row.rps, top.rps).padStart(7)} of ceiling` +
          target(met, row.name),
      );
    }
    console.log(
      "writes (target on SQLite: ≥ 25 % of the token endpoint measured in the same rounds; PostgreSQL beside it, of its own run's token endpoint):",
    );
    for (const [i, row] of sqliteWrites.entries()) {
      const pg = pgWrites?.[i];
      console.log(
        `  ${row.name.padEnd(36)} ${pct(row.rps, sqliteToken.rps).padStart(7)} of token   p99 ${row.p99} ms` +
          (pg && pgToken
            ? `   | PostgreSQL ${pg.rps} req/s, ${pct(pg.rps, pgToken.rps)} of token, p99 ${pg.p99} ms`
            : "") +
          target(row.rps / sqliteToken.rps >= 0.25, row.name),
      );
    }
    const all = [
      bare,
      ours,
      theirs,
      authed,
      open,
      readsToken,
      ...reads,
      sqliteToken,
      ...sqliteWrites,
      ...(pgToken ? [pgToken, ...(pgWrites ?? [])] : []),
    ];
    const bad = all.filter((r) => r.non2xx > 0 || r.errors > 0);
    if (bad.length) failures.push(`failed requests in: ${bad.map((r) => r.name.trim()).join(", ")}`);
    console.log(failures.length ? `\ntargets NOT met: ${failures.join("; ")}` : "\ntargets met");
    process.exitCode = failures.length ? 1 : 0;
  } finally {
    stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
