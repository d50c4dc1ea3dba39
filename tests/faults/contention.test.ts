// Contention on the embedded default: 32 concurrent API writers plus console edits (server
// actions) against one SQLite file for FAULTS_CONTENTION_SECONDS (30 by default). No
// SQLITE_BUSY / "database is locked" may reach a client — not as a 500, not as a 503, not as
// a console error — and none may appear in the server's log. Prints writes/s.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { migrate } from "../../scripts/migrate.mjs";
import { accessToken, actionData, createdSecrets, secretsIn, send, signInConsole } from "./helpers/clients";
import { percentile, startLoad } from "./helpers/load";
import { FAULTS_DIR, OWNER, logsOf, startWorkbench, type Workbench } from "./helpers/workbench";

const SECONDS = Number(process.env.FAULTS_CONTENTION_SECONDS ?? 30);
const WRITERS = 32;
const dir = path.join(FAULTS_DIR, "contention");
const file = path.join(dir, "workbench.db");

let workbench: Workbench | undefined;
afterAll(async () => {
  await workbench?.stop();
});

it(
  `${WRITERS} API writers and console edits for ${SECONDS} s: no busy error reaches a client`,
  { timeout: (SECONDS + 120) * 1000 },
  async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await migrate(`file:${file}`, { quiet: true });
    workbench = await startWorkbench({ name: "contention", databaseUrl: `file:${file}` });
    const base = workbench.base;
    // Metrics are off unless WORKBENCH_METRICS is set: /metrics is then only a console path.
    const metrics = await send(base, "/metrics");
    expect(metrics.text).not.toMatch(/^# (HELP|TYPE) /m);
    expect(metrics.text).not.toContain("workbench_token_requests_total");
    const owner = await signInConsole(base, OWNER.email, OWNER.password);
    const key = actionData<{ id: string; clientId: string; clientSecret: string }>(
      (
        await owner.action("/production/configuration/api-keys/new", "createApiKeyAction", {
          environment: "production",
          kind: "fine_grained",
          name: "contention writer",
          permissions: ["environments:read", "cards:write", "customers:write", "events:write"],
        })
      ).text,
    );
    createdSecrets.add(key.clientSecret);
    const bearer = await accessToken(base, key.clientId, key.clientSecret);
    const environments = await send(base, "/v1/environments", { token: bearer });
    const env = (environments.body as { environments: { id: number; name: string }[] }).environments.find(
      (e) => e.name === "production",
    )!.id;

    const api = startLoad({
      workers: WRITERS,
      request: (worker, n) =>
        worker % 3 === 0
          ? send(base, `/v1/${env}/cards`, { token: bearer, body: { title: `busy ${worker}-${n}` } })
          : worker % 3 === 1
            ? send(base, `/v1/${env}/customers`, {
                token: bearer,
                body: { externalId: `busy-${worker}-${n}` },
              })
            : send(base, `/v1/${env}/events`, {
                token: bearer,
                body: { customerExternalId: `busy-${worker % 5}`, title: `event ${n}` },
              }),
      idOf: (reply) => {
        const data = (reply.body as { data?: { id?: string; card?: { id: string } } }).data;
        return data?.id ?? data?.card?.id;
      },
    });
    const consoleResults: { ok: boolean; text: string }[] = [];
    let editing = true;
    const consoleEditor = (async () => {
      for (let n = 0; editing; n++) {
        const result =
          n % 2 === 0
            ? await owner.action(`/production/configuration/api-keys/${key.id}`, "updateApiKeyAction", {
                environment: "production",
                id: key.id,
                name: `contention writer ${n}`,
              })
            : await owner.action("/production/configuration/api-keys/new", "createApiKeyAction", {
                environment: "production",
                kind: "legacy",
                name: `console under load ${n}`,
                role: "events",
              });
        if (result.ok && n % 2 === 1)
          createdSecrets.add(actionData<{ clientSecret: string }>(result.text).clientSecret);
        consoleResults.push({ ok: result.ok, text: result.text.slice(0, 300) });
      }
    })();
    const started = Date.now();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    editing = false;
    await Promise.all([api.stop(), consoleEditor]);
    const elapsed = (Date.now() - started) / 1000;

    const statuses: Record<string, number> = {};
    for (const a of api.answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
    const writes = api.acknowledged.length + consoleResults.filter((r) => r.ok).length;
    const busyInLog = (logsOf("contention").match(/SQLITE_BUSY|database is locked/gi) ?? []).length;
    const figures = {
      seconds: Math.round(elapsed),
      writers: WRITERS,
      writes,
      writesPerSecond: Math.round(writes / elapsed),
      apiStatuses: statuses,
      consoleEdits: consoleResults.length,
      consoleFailures: consoleResults.filter((r) => !r.ok).length,
      p50Ms: percentile(
        api.answers.map((a) => a.ms),
        50,
      ),
      p99Ms: percentile(
        api.answers.map((a) => a.ms),
        99,
      ),
      busyErrorsInLog: busyInLog,
    };
    console.log(`contention: ${JSON.stringify(figures)}`);

    expect(api.answers.filter((a) => a.status < 200 || a.status >= 300)).toEqual([]);
    expect(consoleResults.filter((r) => !r.ok)).toEqual([]);
    expect(busyInLog).toBe(0);
    expect(api.acknowledged.length).toBeGreaterThan(WRITERS);
  },
);

it("no secret it handed out is in any log line", () => {
  expect(secretsIn(logsOf("contention"))).toEqual([]);
});
