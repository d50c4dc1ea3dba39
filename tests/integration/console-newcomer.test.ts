// What a new user of the console relies on, across the real API and database (SQLite and
// PostgreSQL): two editors of one key, "Last changed" moved by edits only, environment names in
// /v1 paths with plain input errors, and each key's refused requests explained.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flushRefusals, flushUsage, getApiKey, getRefusals, updateApiKey } from "@/lib/api-keys";
import { explainRefusal } from "@/lib/api-keys/refusal-reasons";
import { tokenSigningKey } from "@/lib/api-keys/signing-key";
import { signToken } from "@/lib/api-keys/tokens";
import { db } from "@/lib/db";
import { DATABASE_KINDS, stopPostgres } from "@/test-support/test-database";
import {
  accessToken,
  call,
  newKey,
  HIGH_LIMITS,
  requestToken,
  startApi,
  startSuite,
  stopSuite,
  UA,
  waitUntil,
  type RunningApi,
  type Seed,
} from "./helpers/api";

afterAll(() => stopPostgres());

describe.each(DATABASE_KINDS)("the console's API keys on %s", (kind) => {
  let running: RunningApi;
  let seed: Seed;

  beforeAll(async () => ({ running, seed } = await startSuite(kind)));
  afterAll(() => stopSuite(running));

  it("two editors of one key: the second save is refused instead of reverting the first", async () => {
    const key = await newKey(seed, { permissions: ["environments:read"] });
    const opened = await getApiKey(seed.actor, { id: key.key.id });
    // Tab 1 adds a permission; tab 2, opened before, renames the key with the permissions it saw.
    await updateApiKey(seed.actor, {
      id: key.key.id,
      expectedVersion: opened.version,
      permissions: ["environments:read", "cards:read"],
    });
    await expect(
      updateApiKey(seed.actor, {
        id: key.key.id,
        expectedVersion: opened.version,
        name: "renamed",
        permissions: ["environments:read"],
      }),
    ).rejects.toThrow(/Someone else changed this key/);
    const now = await getApiKey(seed.actor, { id: key.key.id });
    expect(now.permissions).toEqual(["environments:read", "cards:read"]);
    expect(now.name).toBe("test key");
    // Reloaded, the second editor's save goes through.
    await updateApiKey(seed.actor, { id: key.key.id, expectedVersion: now.version, name: "renamed" });
    expect((await getApiKey(seed.actor, { id: key.key.id })).name).toBe("renamed");
  });

  it("using a key moves its last use, never its Last changed; an edit does", async () => {
    const key = await newKey(seed, { permissions: ["environments:read"] });
    const before = await db().apiKey.findUniqueOrThrow({ where: { id: key.key.id } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const token = await accessToken(running.base, key);
    expect((await call(running.base, "/v1/environments", { token })).status).toBe(200);
    await flushUsage();
    const used = await db().apiKey.findUniqueOrThrow({ where: { id: key.key.id } });
    expect(used.lastUsedAt).not.toBeNull();
    expect(used.updatedAt.getTime()).toBe(before.updatedAt.getTime());
    await updateApiKey(seed.actor, { id: key.key.id, name: "edited" });
    const edited = await db().apiKey.findUniqueOrThrow({ where: { id: key.key.id } });
    expect(edited.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
  });

  it("/v1 paths take the environment's name as well as its id, and bad input gets a plain sentence", async () => {
    const key = await newKey(seed, { permissions: ["cards:read", "cards:write"] });
    const token = await accessToken(running.base, key);
    const byName = await call(running.base, "/v1/production/cards", { token });
    expect(byName.status).toBe(200);
    expect(byName.body).toEqual((await call(running.base, `/v1/${seed.production}/cards`, { token })).body);
    const other = await call(running.base, "/v1/staging/cards", { token });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe("wrong_environment");
    const unknown = await call(running.base, "/v1/nowhere/cards", { token });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe(
      `There is no environment named "nowhere" here. Use its name or id, e.g. /v1/${seed.production}/… for this key's environment.`,
    );
    const created = await call(running.base, "/v1/production/cards", {
      token,
      method: "POST",
      body: { title: "From the name" },
    });
    expect(created.status).toBe(201);
    const wrongType = await call(running.base, "/v1/production/cards", {
      token,
      method: "POST",
      body: { title: 5 },
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.detail).toBe("The field title must be text.");
    expect(wrongType.body.errors).toEqual({ "body.title": "The field title must be text." });
    const missing = await call(running.base, "/v1/production/cards", { token, method: "POST", body: {} });
    expect(missing.body.detail).toBe("The field title is required: it must be text.");
  });

  it("Why is my key failing?: each refused request with its reason in words and the fix, 50 per key", async () => {
    const key = await newKey(seed, { permissions: ["environments:read"] });
    const token = await accessToken(running.base, key);
    expect((await call(running.base, `/v1/${seed.production}/cards`, { token })).status).toBe(403);
    const noAgent = await fetch(`${running.base}/v1/environments`, {
      headers: { authorization: `Bearer ${token}`, "user-agent": "" },
    });
    expect(noAgent.status).toBe(400);
    expect((await requestToken(running.base, key.key.clientId, "wbsk_not-the-secret")).status).toBe(401);
    await updateApiKey(seed.actor, { id: key.key.id, allowlist: ["127.0.0.2/32"] });
    expect((await call(running.base, "/v1/environments", { token })).status).toBe(403);
    await waitUntil(async () => {
      await flushRefusals();
      return (await getRefusals(seed.actor, key.key.id)).length === 4;
    }, 5_000);
    const refusals = await getRefusals(seed.actor, key.key.id);
    const explained = refusals.map((r) => ({
      status: r.status,
      path: r.path,
      ...explainRefusal(r.reason, r.params),
    }));
    expect(explained).toEqual([
      {
        status: 403,
        path: "/v1/environments",
        words: "IP 127.0.0.1 is not in the allowlist",
        fix: "Add 127.0.0.1 to the allowlist (Edit), if that caller is yours.",
      },
      {
        status: 401,
        path: "/oauth2/token",
        words: "Wrong client secret",
        fix: expect.stringContaining("Use the key's current secret") as unknown as string,
      },
      {
        status: 400,
        path: "/v1/environments",
        words: "No User-Agent header",
        fix: expect.stringContaining("Send a User-Agent header") as unknown as string,
      },
      {
        status: 403,
        path: `/v1/${seed.production}/cards`,
        words: "Missing permission cards:read",
        fix: "Add cards:read to the key's permissions (Edit).",
      },
    ]);
    expect(refusals[0]).toMatchObject({ ip: "127.0.0.1", userAgent: UA, method: "GET" });
    // The token request's query string never lands in the record.
    expect(JSON.stringify(refusals)).not.toContain("grant_type");

    // A ring: the newest 50 stay.
    for (let i = 0; i < 55; i++) await call(running.base, "/v1/environments", { token });
    await flushRefusals();
    expect(await db().apiKeyRefusal.count({ where: { apiKeyId: key.key.id } })).toBe(50);
    expect(await getRefusals(seed.actor, key.key.id)).toHaveLength(50);
  });

  it("an expired access token and the token endpoint's per-address failure limit are refused on the key's page too", async () => {
    const key = await newKey(seed, { permissions: ["environments:read"] });
    // A token this server signed for the key, expired a minute ago.
    const expired = signToken(await tokenSigningKey(), {
      type: "access",
      keyId: key.key.id,
      generation: 0,
      expiresAt: Math.floor(Date.now() / 1000) - 60,
      scope: [],
    });
    const refused = await call(running.base, "/v1/environments", { token: expired });
    expect(refused.status).toBe(401);

    // An API whose failure limit is 2 per (address, client ID): the third wrong secret is a 429.
    const strict = await startApi({
      rateLimits: { ...HIGH_LIMITS, authFailure: { limit: 2, windowMs: 60_000 } },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await requestToken(strict.base, key.key.clientId, "wbsk_not-the-secret")).status);
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await strict.api.close();
    }

    await waitUntil(async () => {
      await flushRefusals();
      return (await getRefusals(seed.actor, key.key.id)).length === 4;
    }, 5_000);
    const refusals = await getRefusals(seed.actor, key.key.id);
    const byReason = Object.fromEntries(refusals.map((r) => [r.reason, r]));
    expect(Object.keys(byReason).sort()).toEqual(["token_expired", "too_many_failures", "wrong_secret"]);
    expect(byReason.token_expired).toMatchObject({ status: 401, path: "/v1/environments", ip: "127.0.0.1" });
    expect(explainRefusal("token_expired", byReason.token_expired.params)).toEqual({
      words: "An expired access token",
      fix: expect.stringContaining("request a new one") as unknown as string,
    });
    expect(byReason.too_many_failures).toMatchObject({ status: 429, path: "/oauth2/token" });
    expect(explainRefusal("too_many_failures", byReason.too_many_failures.params)).toEqual({
      words: "Too many failed authentications from IP 127.0.0.1",
      fix: expect.stringContaining(
        "Give the client at 127.0.0.1 the key's current secret",
      ) as unknown as string,
    });
  });
});
