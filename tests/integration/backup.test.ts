// `npm run cli -- backup <file>` while the API serves and writes, then `restore <file>` with the
// server stopped: the keys authenticate and the credentials decrypt with the same master key; a
// restore under another master key, onto a database still in use, or from a file that is not a
// Workbench database is refused with a clear message and changes nothing.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCredential } from "@/lib/credentials";
import { decryptSecretMap, parseSecretColumn } from "@/lib/crypto";
import { db } from "@/lib/db";
import { sqlitePath } from "@/scripts/migrate.mjs";
import { resetProcessState, useFreshDatabase } from "@/test-support/test-database";
import {
  call,
  newKey,
  requestToken,
  seedOrganisation,
  startApi,
  type RunningApi,
  type Seed,
} from "./helpers/api";

const exec = promisify(execFile);
const root = path.resolve(__dirname, "../..");
const dir = path.join(root, ".tmp", "integration-backup");

describe("backup and restore on the embedded database", () => {
  let url: string;
  let seed: Seed;
  let running: RunningApi | undefined;

  const cli = async (env: Record<string, string>, ...args: string[]) => {
    try {
      const { stdout, stderr } = await exec(
        process.execPath,
        ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", ...args],
        { cwd: root, env: { ...process.env, DATABASE_URL: url, ...env } },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  beforeAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    url = await useFreshDatabase("sqlite");
    seed = await seedOrganisation("Backup organisation");
    running = await startApi();
  });
  afterAll(async () => {
    await running?.api.close();
    await resetProcessState();
  });

  it("backs up online, restores offline: keys authenticate and credentials decrypt again", async () => {
    const key = await newKey(seed, { permissions: ["environments:read", "cards:write"], name: "kept" });
    const credential = await createCredential(seed.actor, {
      environmentId: seed.production,
      credential: {
        type: "basic",
        name: "Partner basic",
        username: "partner",
        password: "backup-test-password-1",
        allowedDestinations: ["http://127.0.0.1:9"],
      },
    });
    const token = (await requestToken(running!.base, key.key.clientId, key.clientSecret)).body.access_token!;
    // Writes go on while the copy is made.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        const reply = await call(running!.base, `/v1/${seed.production}/cards`, {
          token,
          method: "POST",
          body: { title: `during backup ${written}` },
        });
        expect(reply.status).toBe(201);
        written++;
      }
    })();
    const file = path.join(dir, "workbench-backup.db");
    const backup = await cli({}, "backup", file);
    writing = false;
    await writer;
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`to ${file}`);
    expect(backup.stdout).toContain("master key");
    expect(written).toBeGreaterThan(0);
    expect((await cli({}, "backup", file)).stderr).toContain("exists already");

    // Later changes the restore will undo.
    await db().apiKey.delete({ where: { id: key.key.id } });
    await db().credential.delete({ where: { id: credential.id } });

    // While the API (this process) has the database open, a restore is refused.
    const busy = await cli({}, "restore", file);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain("stop the Workbench server");

    await running!.api.close();
    running = undefined;
    await resetProcessState();

    // Another master key: refused, and the database is untouched.
    const wrongKey = await cli(
      { WORKBENCH_ENCRYPTION_KEY: randomBytes(32).toString("base64") },
      "restore",
      file,
    );
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toContain("encrypted under another master key");
    expect(await db().apiKey.count({ where: { id: key.key.id } })).toBe(0);
    await resetProcessState();

    const notOurs = path.join(dir, "not-a-database.db");
    writeFileSync(notOurs, "hello");
    const garbage = await cli({}, "restore", notOurs);
    expect(garbage.code).toBe(1);
    expect(garbage.stderr).toMatch(/not a SQLite database|is damaged|not a Workbench database/);

    const restored = await cli({}, "restore", file);
    expect(restored.stderr).toBe("");
    expect(restored.code).toBe(0);
    expect(existsSync(sqlitePath(url))).toBe(true);

    running = await startApi();
    const again = await requestToken(running.base, key.key.clientId, key.clientSecret);
    expect(again.status).toBe(200);
    const row = await db().credential.findUniqueOrThrow({ where: { id: credential.id } });
    const ref = { scope: "credential" as const, recordId: row.id, label: row.name };
    expect(decryptSecretMap(parseSecretColumn(row.secrets, ref), ref)).toEqual({
      password: "backup-test-password-1",
    });
  });

  it("on PostgreSQL, points at pg_dump", async () => {
    const reply = await cli({ DATABASE_URL: "postgresql://nobody@127.0.0.1:9/none" }, "backup", "x.db");
    expect(reply.code).toBe(1);
    expect(reply.stderr).toContain("on PostgreSQL use pg_dump");
  });
});
