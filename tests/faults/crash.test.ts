// kill -9 on the embedded default: mixed writes through the API (cards, customers, events, keys
// created and rotated through /v1/{env}/credentials) and through the console's server actions
// (keys created and rotated), the server killed at a random moment, restarted, again and again.
// After every kill: PRAGMA integrity_check is ok, every write the client saw acknowledged is
// there, every acknowledged key authenticates with the secret it was handed, and no key is
// half-rotated (its one current secret is the last one handed out, or the one of a rotation
// that was still in flight when the process died — never two, never neither).
import { createHash } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { migrate } from "../../scripts/migrate.mjs";
import {
  accessToken,
  actionData,
  createdSecrets,
  secretsIn,
  send,
  signInConsole,
  token,
  type ConsoleSession,
} from "./helpers/clients";
import { FAULTS_DIR, OWNER, logsOf, startWorkbench, type Workbench } from "./helpers/workbench";

const KILLS = Number(process.env.FAULTS_KILLS ?? 6);
const dir = path.join(FAULTS_DIR, "crash");
const file = path.join(dir, "workbench.db");
const databaseUrl = `file:${file}`;

let workbench: Workbench | undefined;
afterAll(async () => {
  await workbench?.stop("SIGKILL");
});

type Key = { clientId: string; secret: string; rotationsInFlight: number };

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it(`survives ${KILLS} kill -9 under mixed API and console writes with every acknowledged write intact`, async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await migrate(databaseUrl, { quiet: true });

  const cards = new Set<string>();
  const customers = new Set<string>();
  const events = new Set<string>();
  const keys = new Map<string, Key>();
  let checkedWrites = 0;
  let rotationsAcknowledged = 0;

  workbench = await startWorkbench({ name: "crash", databaseUrl });
  let owner: ConsoleSession = await signInConsole(workbench.base, OWNER.email, OWNER.password);
  const writer = actionData<{ clientId: string; clientSecret: string }>(
    (
      await owner.action("/production/configuration/api-keys/new", "createApiKeyAction", {
        environment: "production",
        kind: "fine_grained",
        name: "crash writer",
        permissions: ["environments:read", "cards:read", "cards:write", "customers:write", "events:write"],
      })
    ).text,
  );
  const provisioner = actionData<{ clientId: string; clientSecret: string }>(
    (
      await owner.action("/production/configuration/api-keys/new", "createApiKeyAction", {
        environment: "production",
        kind: "legacy",
        name: "crash provisioner",
        role: "auth",
      })
    ).text,
  );
  createdSecrets.add(writer.clientSecret).add(provisioner.clientSecret);

  for (let round = 1; round <= KILLS; round++) {
    const base = workbench.base;
    const bearer = await accessToken(base, writer.clientId, writer.clientSecret);
    const authBearer = await accessToken(base, provisioner.clientId, provisioner.clientSecret);
    const environments = await send(base, "/v1/environments", { token: bearer });
    const env = (environments.body as { environments: { id: number; name: string }[] }).environments.find(
      (e) => e.name === "production",
    )!.id;
    // A key of this round for each rotating writer (API and console), created before the load.
    const apiRotating = (
      await send(base, `/v1/${env}/credentials`, { token: authBearer, body: { role: "workbench" } })
    ).body as { data: { clientId: string; clientSecret: string } };
    const apiKey: Key = {
      clientId: apiRotating.data.clientId,
      secret: apiRotating.data.clientSecret,
      rotationsInFlight: 0,
    };
    keys.set(apiKey.clientId, apiKey);
    const consoleCreated = actionData<{ id: string; clientId: string; clientSecret: string }>(
      (
        await owner.action("/production/configuration/api-keys/new", "createApiKeyAction", {
          environment: "production",
          kind: "legacy",
          name: `console rotating ${round}`,
          role: "events",
        })
      ).text,
    );
    const consoleKey: Key = {
      clientId: consoleCreated.clientId,
      secret: consoleCreated.clientSecret,
      rotationsInFlight: 0,
    };
    keys.set(consoleKey.clientId, consoleKey);
    for (const k of [apiKey, consoleKey]) createdSecrets.add(k.secret);

    let running = true;
    const guard = async (work: () => Promise<void>) => {
      while (running) {
        try {
          await work();
        } catch {
          // the connection died with the process: nothing was acknowledged
        }
      }
    };
    let n = 0;
    const workers = [
      guard(async () => {
        const r = await send(base, `/v1/${env}/cards`, {
          token: bearer,
          body: { title: `crash ${round}-${n++}` },
        });
        if (r.status === 201) cards.add((r.body as { data: { id: string } }).data.id);
      }),
      guard(async () => {
        const r = await send(base, `/v1/${env}/customers`, {
          token: bearer,
          body: { externalId: `c-${round}-${n++}` },
        });
        if (r.status === 201) customers.add((r.body as { data: { id: string } }).data.id);
      }),
      guard(async () => {
        const r = await send(base, `/v1/${env}/events`, {
          token: bearer,
          body: { customerExternalId: `e-${round}-${n % 7}`, title: `event ${round}-${n++}` },
        });
        if (r.status >= 200 && r.status < 300)
          events.add((r.body as { data: { card: { id: string } } }).data.card.id);
      }),
      guard(async () => {
        const r = await send(base, `/v1/${env}/credentials`, { token: authBearer, body: { role: "events" } });
        if (r.status === 201) {
          const data = (r.body as { data: { clientId: string; clientSecret: string } }).data;
          createdSecrets.add(data.clientSecret);
          keys.set(data.clientId, {
            clientId: data.clientId,
            secret: data.clientSecret,
            rotationsInFlight: 0,
          });
        }
      }),
      guard(async () => {
        apiKey.rotationsInFlight++;
        const r = await send(base, `/v1/${env}/credentials/${apiKey.clientId}/rotate`, {
          token: authBearer,
          body: {},
        });
        if (r.status === 200 || r.status === 201) {
          apiKey.secret = (r.body as { data: { clientSecret: string } }).data.clientSecret;
          createdSecrets.add(apiKey.secret);
          apiKey.rotationsInFlight = 0;
          rotationsAcknowledged++;
        } else if (r.status !== 0) apiKey.rotationsInFlight--;
      }),
      guard(async () => {
        const r = await owner.action("/production/configuration/api-keys/new", "createApiKeyAction", {
          environment: "production",
          kind: "legacy",
          name: `console key ${round}-${n++}`,
          role: "workbench",
        });
        if (r.ok) {
          const data = actionData<{ clientId: string; clientSecret: string }>(r.text);
          createdSecrets.add(data.clientSecret);
          keys.set(data.clientId, {
            clientId: data.clientId,
            secret: data.clientSecret,
            rotationsInFlight: 0,
          });
        }
        consoleKey.rotationsInFlight++;
        const rotated = await owner.action(
          `/production/configuration/api-keys/${consoleCreated.id}`,
          "rotateApiKeyAction",
          { environment: "production", id: consoleCreated.id, grace: "none" },
        );
        if (rotated.ok) {
          consoleKey.secret = actionData<{ clientSecret: string }>(rotated.text).clientSecret;
          createdSecrets.add(consoleKey.secret);
          consoleKey.rotationsInFlight = 0;
          rotationsAcknowledged++;
        } else consoleKey.rotationsInFlight--;
      }),
    ];
    await sleep(800 + Math.random() * 1_500);
    const killed = workbench.stop("SIGKILL");
    await killed;
    running = false;
    await Promise.all(workers);

    // The file after the crash, before anything reopens it.
    const sqlite = new Database(file);
    expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    const present = (table: string, ids: Iterable<string>) => {
      const statement = sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ?`);
      let missing = 0;
      for (const id of ids) {
        checkedWrites++;
        if (!statement.get(id)) missing++;
      }
      return missing;
    };
    expect(present("card", cards)).toBe(0);
    expect(present("customer", customers)).toBe(0);
    expect(present("card", events)).toBe(0);
    const keyRow = sqlite.prepare(
      'SELECT "secretHash" h, "previousSecretHash" p, "revokedAt" r FROM api_key WHERE "clientId" = ?',
    );
    for (const key of keys.values()) {
      checkedWrites++;
      const row = keyRow.get(key.clientId) as { h: string; p: string | null; r: unknown } | undefined;
      expect(row, `acknowledged key ${key.clientId}`).toBeDefined();
      // One current secret (every rotation here is without a grace period): the acknowledged
      // one, or — only if a rotation was in flight when the process died — its successor.
      expect(row!.p).toBeNull();
      if (row!.h !== sha256(key.secret)) {
        expect(
          key.rotationsInFlight,
          `key ${key.clientId} changed secret without a rotation in flight`,
        ).toBeGreaterThan(0);
        keys.delete(key.clientId); // its new secret was never handed out
      }
    }
    sqlite.close();

    workbench = await startWorkbench({ name: "crash", databaseUrl });
    owner = await signInConsole(workbench.base, OWNER.email, OWNER.password);
    // Every acknowledged key authenticates with the one secret it was handed.
    for (const key of keys.values()) {
      const reply = await token(workbench.base, key.clientId, key.secret);
      expect(reply.status, `token for ${key.clientId}`).toBe(200);
    }
  }

  const figures = {
    kills: KILLS,
    acknowledgedWritesChecked: checkedWrites,
    cards: cards.size,
    customers: customers.size,
    events: events.size,
    keys: keys.size,
    rotationsAcknowledged,
  };
  console.log(`crash: ${JSON.stringify(figures)}`);
  expect(cards.size).toBeGreaterThan(KILLS);
  expect(keys.size).toBeGreaterThan(KILLS);
});

it("no secret it handed out (client secrets, access tokens, the master key) is in any log line", () => {
  const logs = logsOf("crash");
  expect(logs.length).toBeGreaterThan(0);
  expect(createdSecrets.size).toBeGreaterThan(2);
  expect(secretsIn(logs)).toEqual([]);
});
