// SIGTERM while 32 keep-alive connections are busy: every request already in flight completes,
// a request that arrives after is answered 503 (or, once the listener is closed, a new
// connection is refused) — never a connection reset; the process exits 0 within 10 s; and the
// usage counters and rate-limit counts it held in memory are in the database afterwards. Two
// console members create keys through server actions meanwhile: each action either completes
// (and its key is in the database) or is answered 503; none is reset.
import http from "node:http";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { migrate } from "../../scripts/migrate.mjs";
import { actionData, createdSecrets, secretsIn, signInConsole, UA } from "./helpers/clients";
import { FAULTS_DIR, OWNER, logsOf, startWorkbench, type Workbench } from "./helpers/workbench";

const CONNECTIONS = 32;
const CONSOLE_WRITERS = 2;
const dir = path.join(FAULTS_DIR, "shutdown");
const file = path.join(dir, "workbench.db");

let workbench: Workbench | undefined;
afterAll(async () => {
  await workbench?.stop("SIGKILL");
});

type Outcome =
  { kind: "answer"; status: number; sentAt: number } | { kind: "error"; code: string; sentAt: number };

function request(
  agent: http.Agent,
  port: number,
  options: { method: string; path: string; headers: Record<string, string>; body?: string },
): Promise<Outcome> {
  const sentAt = Date.now();
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        agent,
        method: options.method,
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ kind: "answer", status: res.statusCode ?? 0, sentAt }));
        res.on("error", (error: NodeJS.ErrnoException) =>
          resolve({ kind: "error", code: error.code ?? error.message, sentAt }),
        );
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) =>
      resolve({ kind: "error", code: error.code ?? error.message, sentAt }),
    );
    req.end(options.body);
  });
}

it(`SIGTERM under ${CONNECTIONS} busy connections: in-flight complete, no reset, exit within 10 s, counters written`, async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await migrate(`file:${file}`, { quiet: true });
  workbench = await startWorkbench({
    name: "shutdown",
    databaseUrl: `file:${file}`,
    env: { WORKBENCH_TOKEN_RATE_LIMIT: "1000000" },
  });
  const owner = await signInConsole(workbench.base, OWNER.email, OWNER.password);
  const key = actionData<{ id: string; clientId: string; clientSecret: string }>(
    (
      await owner.action("/production/configuration/api-keys/new", "createApiKeyAction", {
        environment: "production",
        kind: "fine_grained",
        name: "shutdown writer",
        permissions: ["environments:read", "cards:write"],
      })
    ).text,
  );
  createdSecrets.add(key.clientSecret);
  const basic = `Basic ${Buffer.from(`${key.clientId}:${key.clientSecret}`).toString("base64")}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const port = workbench.port;
  const tokenRequest = () =>
    request(agent, port, {
      method: "POST",
      path: "/oauth2/token",
      headers: {
        authorization: basic,
        "content-type": "application/x-www-form-urlencoded",
        "user-agent": UA,
      },
      body: "grant_type=client_credentials",
    });
  const first = await new Promise<string>((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/oauth2/token",
        headers: { authorization: basic, "content-type": "application/x-www-form-urlencoded" },
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve((JSON.parse(text) as { access_token: string }).access_token));
      },
    );
    req.on("error", reject);
    req.end("grant_type=client_credentials");
  });
  createdSecrets.add(first);

  const outcomes: (Outcome & { token: boolean })[] = [];
  let running = true;
  let n = 0;
  const loops = Array.from({ length: CONNECTIONS }, async (_, worker) => {
    while (running) {
      const outcome =
        worker % 4 === 0
          ? await tokenRequest()
          : await request(agent, port, {
              method: worker % 4 === 1 ? "GET" : "POST",
              path: worker % 4 === 1 ? "/v1/environments" : "/v1/1/cards",
              headers: {
                authorization: `Bearer ${first}`,
                "user-agent": UA,
                ...(worker % 4 === 1 ? {} : { "content-type": "application/json" }),
              },
              body: worker % 4 === 1 ? undefined : JSON.stringify({ title: `shutdown ${n++}` }),
            });
      outcomes.push({ ...outcome, token: worker % 4 === 0 });
      if (outcome.kind === "error" || outcome.status === 503) break; // this connection is done
    }
  });
  // Two members' worth of console work beside the API load: server actions creating keys.
  type ConsoleOutcome = { sentAt: number } & (
    { kind: "created"; id: string } | { kind: "answer"; status: number } | { kind: "error"; code: string }
  );
  const consoleOutcomes: ConsoleOutcome[] = [];
  let c = 0;
  const consoleLoops = Array.from({ length: CONSOLE_WRITERS }, async () => {
    while (running) {
      const sentAt = Date.now();
      let outcome: ConsoleOutcome;
      try {
        const r = await owner.action("/production/configuration/api-keys/new", "createApiKeyAction", {
          environment: "production",
          kind: "fine_grained",
          name: `console during shutdown ${c++}`,
          permissions: ["environments:read"],
        });
        if (r.ok) {
          const created = actionData<{ id: string; clientSecret: string }>(r.text);
          createdSecrets.add(created.clientSecret);
          outcome = { kind: "created", id: created.id, sentAt };
        } else outcome = { kind: "answer", status: r.status, sentAt };
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause;
        outcome = { kind: "error", code: cause?.code ?? String(error), sentAt };
      }
      consoleOutcomes.push(outcome);
      if (outcome.kind !== "created") break;
    }
  });
  await new Promise((r) => setTimeout(r, 2_000));
  const termAt = Date.now();
  workbench.child.kill("SIGTERM");
  const exit = await workbench.exited;
  const exitMs = Date.now() - termAt;
  running = false;
  await Promise.all([...loops, ...consoleLoops]);
  agent.destroy();

  const before = outcomes.filter((o) => o.sentAt < termAt);
  const resets = outcomes.filter((o) => o.kind === "error" && o.code !== "ECONNREFUSED");
  const ok = outcomes.filter((o) => o.kind === "answer" && o.status >= 200 && o.status < 300);
  const statuses: Record<string, number> = {};
  for (const o of outcomes) {
    const label = o.kind === "answer" ? String(o.status) : o.code;
    statuses[label] = (statuses[label] ?? 0) + 1;
  }
  const figures = {
    connections: CONNECTIONS,
    requests: outcomes.length,
    statuses,
    resets: resets.length,
    console: {
      created: consoleOutcomes.filter((o) => o.kind === "created").length,
      other: consoleOutcomes.filter((o) => o.kind !== "created"),
    },
    exitMs,
    exit,
  };
  console.log(`shutdown: ${JSON.stringify(figures)}`);

  expect(exit).toEqual({ code: 0, signal: null });
  expect(exitMs).toBeLessThan(10_000);
  expect(resets).toEqual([]);
  // Sent before SIGTERM: answered, and not refused (they were in flight or queued on an open connection).
  for (const o of before) expect(o.kind === "answer" && o.status !== 500).toBe(true);
  for (const o of outcomes) if (o.kind === "answer") expect([200, 201, 503]).toContain(o.status);
  expect(ok.length).toBeGreaterThan(CONNECTIONS);
  // The console's actions: each one either created its key, or was told 503 / found the port
  // closed — never a reset connection or a 500.
  const consoleCreated = consoleOutcomes.flatMap((o) => (o.kind === "created" ? [o.id] : []));
  expect(consoleCreated.length).toBeGreaterThan(0);
  for (const o of consoleOutcomes) {
    if (o.kind === "answer") expect(o.status).toBe(503);
    if (o.kind === "error") expect(o.code).toBe("ECONNREFUSED");
  }

  // What the process counted in memory was written before it exited.
  const sqlite = new Database(file, { readonly: true });
  const usage = sqlite
    .prepare('SELECT SUM("tokenRequests") t, SUM("apiRequests") a FROM api_key_usage WHERE "apiKeyId" = ?')
    .get(key.id) as { t: number; a: number };
  const windows = sqlite
    .prepare("SELECT SUM(count) n FROM rate_limit_window WHERE key = ?")
    .get(`token:${key.id}`) as { n: number };
  const consoleRows = sqlite
    .prepare(`SELECT COUNT(*) n FROM api_key WHERE id IN (${consoleCreated.map(() => "?").join(",")})`)
    .get(...consoleCreated) as { n: number };
  sqlite.close();
  // Every key the console said it created is there.
  expect(consoleRows.n).toBe(consoleCreated.length);
  // Every success the clients saw was counted and written: token requests (the first one
  // included) in the usage counters, /v1 successes as API requests; and every issued token was
  // reserved in the shared rate-limit window (reservations come in blocks, so at least as many).
  const tokensIssued = 1 + ok.filter((o) => o.token).length;
  const apiAnswered = ok.filter((o) => !o.token).length;
  expect(usage.t).toBe(tokensIssued);
  expect(usage.a).toBe(apiAnswered);
  expect(windows.n).toBeGreaterThanOrEqual(tokensIssued);
  console.log(
    `shutdown counters: tokenRequests=${usage.t} apiRequests=${usage.a} rateLimitCount=${windows.n} (clients saw ${tokensIssued} token and ${apiAnswered} /v1 successes)`,
  );
});

it("no secret it handed out is in any log line", () => {
  expect(createdSecrets.size).toBeGreaterThan(1);
  expect(secretsIn(logsOf("shutdown"))).toEqual([]);
});
