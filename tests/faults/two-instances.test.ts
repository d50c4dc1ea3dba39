// Two Workbench instances on one PostgreSQL, as behind a load balancer: a burst of token
// requests alternating between them gets the rate limit (the sum of 200s within the limit +
// 5 %), and a revocation or a rotation made in the console of one instance refuses the old
// secret and its tokens on the other within 1 s (measured and printed).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { migrate } from "../../scripts/migrate.mjs";
import { startPostgres, type PostgresServer } from "../../scripts/pg-server.mjs";
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
import { logsOf, OWNER, startWorkbench, type Workbench } from "./helpers/workbench";

const LIMIT = 10;
let pg: PostgresServer;
let a: Workbench;
let b: Workbench;
let owner: ConsoleSession;

beforeAll(async () => {
  pg = startPostgres({ port: 57000 + Math.floor(Math.random() * 1000), database: "two" });
  await migrate(pg.url, { quiet: true });
  const env = {
    WORKBENCH_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    WORKBENCH_TOKEN_RATE_LIMIT: String(LIMIT),
  };
  createdSecrets.add(env.WORKBENCH_ENCRYPTION_KEY);
  a = await startWorkbench({ name: "two-instances", databaseUrl: pg.url, env });
  b = await startWorkbench({ name: "two-instances", databaseUrl: pg.url, env });
  owner = await signInConsole(a.base, OWNER.email, OWNER.password);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  pg?.stop();
});

async function newKey(name: string): Promise<{ id: string; clientId: string; clientSecret: string }> {
  const created = await owner.action("/production/configuration/api-keys/new", "createApiKeyAction", {
    environment: "production",
    kind: "fine_grained",
    name,
    permissions: ["environments:read"],
  });
  const key = actionData<{ id: string; clientId: string; clientSecret: string }>(created.text);
  createdSecrets.add(key.clientSecret);
  return key;
}

/** Polls until `refused()` holds; returns the milliseconds from `since`. */
async function msUntil(since: number, refused: () => Promise<boolean>): Promise<number> {
  while (!(await refused())) {
    if (Date.now() - since > 5_000) return Infinity;
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - since;
}

it(`a burst alternating between two instances gets the token limit (${LIMIT}), not twice it`, async () => {
  const results: Record<string, number> = {};
  for (const round of [1, 2, 3]) {
    const key = await newKey(`burst ${round}`);
    const statuses = [];
    // Sequential and alternating, as the measurement that found the problem; then concurrent.
    if (round < 3)
      for (let i = 0; i < 2 * LIMIT; i++)
        statuses.push((await token(i % 2 ? b.base : a.base, key.clientId, key.clientSecret)).status);
    else
      statuses.push(
        ...(
          await Promise.all(
            Array.from({ length: 4 * LIMIT }, (_, i) =>
              token(i % 2 ? b.base : a.base, key.clientId, key.clientSecret),
            ),
          )
        ).map((r) => r.status),
      );
    results[round < 3 ? `sequential ${round}` : "concurrent"] = statuses.filter((s) => s === 200).length;
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(Math.floor(LIMIT * 1.05));
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(LIMIT - 1);
  }
  console.log(`rate limit across two instances (limit ${LIMIT}): ${JSON.stringify(results)} accepted`);
});

it("a revocation and a rotation on one instance refuse the old secret and its tokens on the other within 1 s", async () => {
  const revoked = await newKey("revoked elsewhere");
  const revokedToken = await accessToken(b.base, revoked.clientId, revoked.clientSecret);
  expect((await send(b.base, "/v1/environments", { token: revokedToken })).status).toBe(200);
  const revokeAt = Date.now();
  const revocation = await owner.action(
    `/production/configuration/api-keys/${revoked.id}`,
    "revokeApiKeyAction",
    {
      environment: "production",
      id: revoked.id,
    },
  );
  expect(revocation.ok).toBe(true);
  const revokedTokenMs = await msUntil(
    revokeAt,
    async () => (await send(b.base, "/v1/environments", { token: revokedToken })).status === 401,
  );
  const revokedSecretMs = await msUntil(
    revokeAt,
    async () => (await token(b.base, revoked.clientId, revoked.clientSecret)).status === 401,
  );

  const rotated = await newKey("rotated elsewhere");
  const oldToken = await accessToken(b.base, rotated.clientId, rotated.clientSecret);
  const rotateAt = Date.now();
  const rotation = await owner.action(
    `/production/configuration/api-keys/${rotated.id}`,
    "rotateApiKeyAction",
    {
      environment: "production",
      id: rotated.id,
      grace: "none",
    },
  );
  expect(rotation.ok).toBe(true);
  const newSecret = actionData<{ clientSecret: string }>(rotation.text).clientSecret;
  createdSecrets.add(newSecret);
  const rotatedTokenMs = await msUntil(
    rotateAt,
    async () => (await send(b.base, "/v1/environments", { token: oldToken })).status === 401,
  );
  const rotatedSecretMs = await msUntil(
    rotateAt,
    async () => (await token(b.base, rotated.clientId, rotated.clientSecret)).status === 401,
  );
  expect((await token(b.base, rotated.clientId, newSecret)).status).toBe(200);

  const figures = { revokedTokenMs, revokedSecretMs, rotatedTokenMs, rotatedSecretMs };
  console.log(`cross-instance propagation: ${JSON.stringify(figures)}`);
  for (const ms of Object.values(figures)) expect(ms).toBeLessThanOrEqual(1_000);
});

it("no secret it handed out is in any log line", () => {
  expect(secretsIn(logsOf("two-instances"))).toEqual([]);
});
