// `npm run cli -- api-keys …` as an operator runs it: a separate process on a fresh SQLite file.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/lib/audit";
import { resetProcessState, useFreshDatabase } from "@/test-support/test-database";
import { requestToken, seedOrganisation, startApi, type RunningApi, type Seed } from "./helpers/api";

const exec = promisify(execFile);
const root = path.resolve(__dirname, "../..");

describe("cli api-keys", () => {
  let url: string;
  let seed: Seed;
  let running: RunningApi;

  const cli = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await exec(
        process.execPath,
        ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", ...args],
        {
          cwd: root,
          env: { ...process.env, DATABASE_URL: url },
        },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  beforeAll(async () => {
    url = await useFreshDatabase("sqlite");
    seed = await seedOrganisation("CLI organisation");
    running = await startApi();
  });
  afterAll(async () => {
    await running.api.close();
    await resetProcessState();
  });

  it("creates, lists, rotates and revokes a key; the printed secret works once and is audited without it", async () => {
    const created = await cli(
      "api-keys",
      "create",
      "--env",
      "production",
      "--name",
      "ci",
      "--permissions",
      "environments:read,cards:read",
      "--json",
    );
    expect(created.code).toBe(0);
    const key = JSON.parse(created.stdout) as {
      clientId: string;
      clientSecret: string;
      permissions: string[];
    };
    expect(key.permissions).toEqual(["environments:read", "cards:read"]);
    expect((await requestToken(running.base, key.clientId, key.clientSecret)).status).toBe(200);

    const listed = await cli("api-keys", "list", "--env", "production");
    expect(listed.stdout).toContain(key.clientId);
    expect(listed.stdout).not.toContain(key.clientSecret);

    const rotated = await cli("api-keys", "rotate", key.clientId, "--json");
    const { clientSecret } = JSON.parse(rotated.stdout) as { clientSecret: string };
    // The CLI is another process: the API instance learns of its change within ~0.5 s.
    await expect
      .poll(async () => (await requestToken(running.base, key.clientId, key.clientSecret)).status, {
        timeout: 2000,
      })
      .toBe(401);
    expect((await requestToken(running.base, key.clientId, clientSecret)).status).toBe(200);

    expect((await cli("api-keys", "revoke", key.clientId)).stdout).toContain("Revoked");
    await expect
      .poll(async () => (await requestToken(running.base, key.clientId, clientSecret)).status, {
        timeout: 2000,
      })
      .toBe(401);

    const { events } = await listAudit(seed.actor, { action: "api_key." }, { take: 10, skip: 0 });
    expect(events.map((e) => e.action).sort()).toEqual([
      "api_key.create",
      "api_key.revoke",
      "api_key.rotate",
    ]);
    expect(events.every((e) => e.actorType === "system" && e.actorLabel.startsWith("cli"))).toBe(true);
    expect(JSON.stringify(events)).not.toContain(clientSecret);
  });

  it("explains mistakes with a non-zero exit code", async () => {
    const unknownPermission = await cli(
      "api-keys",
      "create",
      "--env",
      "production",
      "--name",
      "x",
      "--permissions",
      "cards:fly",
    );
    expect(unknownPermission.code).toBe(1);
    expect(unknownPermission.stderr).toContain('Unknown permission "cards:fly"');
    const noEnv = await cli("api-keys", "create", "--env", "nowhere", "--name", "x", "--role", "events");
    expect(noEnv.code).toBe(2);
    expect(noEnv.stderr).toContain('No environment "nowhere"');
    expect((await cli("api-keys", "rotate", "wbci_unknown")).code).toBe(2);
    expect((await cli("nonsense")).code).toBe(2);
  });
});
