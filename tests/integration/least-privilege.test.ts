// Least privilege from observed use, through /v1 as a client uses it: a key's successful calls
// are counted per permission (refused ones are not), over a 30-day window, readable on
// GET /v1/{env}/api-keys/{clientId}/permission-use; a fine-grained key created from them holds
// exactly those, works for the same calls and is refused others, the old key untouched; rows
// older than the window are pruned. Runs on SQLite and PostgreSQL; prints the storage per key.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey, flushPermissionUse, getApiKey, getLeastPrivilege } from "@/lib/api-keys";
import {
  OBSERVATION_WINDOW_DAYS,
  prunePermissionUse,
  recordPermissionUse,
} from "@/lib/api-keys/permission-use";
import { listAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { PERMISSION_NAMES } from "@/lib/permissions/registry";
import { DATABASE_KINDS, stopPostgres } from "@/test-support/test-database";
import { accessToken, call, newKey, startSuite, stopSuite, type RunningApi, type Seed } from "./helpers/api";

afterAll(() => stopPostgres());

const DAY = 24 * 60 * 60 * 1000;

describe.each(DATABASE_KINDS)("least privilege from observed use on %s", (kind) => {
  let running: RunningApi;
  let seed: Seed;
  let reader: string; // a token of a fine-grained key holding api_keys:read

  beforeAll(async () => {
    ({ running, seed } = await startSuite(kind));
    reader = await accessToken(running.base, await newKey(seed, { permissions: ["api_keys:read"] }));
  });
  afterAll(() => stopSuite(running));
  afterEach(() => vi.useRealTimers());

  const permissionUse = async (clientId: string, environmentId = seed.production) =>
    call(running.base, `/v1/${environmentId}/api-keys/${clientId}/permission-use`, { token: reader });

  it("counts a legacy key's successful calls per permission, shows what its role grants unused, and a key made from them holds exactly those", async () => {
    const legacy = await newKey(seed, { name: "legacy events", role: "events" });
    const empty = await permissionUse(legacy.key.clientId);
    expect(empty.status).toBe(200);
    expect(empty.body.data).toMatchObject({ totalRequests: 0, observed: [], suggested: [] });

    const token = await accessToken(running.base, legacy);
    const env = `/v1/${seed.production}`;
    for (let i = 0; i < 2; i++)
      expect((await call(running.base, "/v1/environments", { token })).status).toBe(200);
    for (let i = 0; i < 3; i++)
      expect((await call(running.base, `${env}/cards`, { token })).status).toBe(200);
    const customer = await call(running.base, `${env}/customers`, {
      token,
      method: "POST",
      body: { externalId: "cus-least-privilege" },
    });
    expect(customer.status).toBe(201);
    // Refused calls need nothing: another environment, an operation its role lacks.
    expect((await call(running.base, `/v1/${seed.staging}/cards`, { token })).status).toBe(403);
    expect((await call(running.base, `${env}/integration-credentials`, { token })).status).toBe(403);

    const before = await db().apiKey.findUniqueOrThrow({ where: { id: legacy.key.id } });
    // Read before and after the batch is written: the same answer.
    for (const when of ["pending", "written"]) {
      if (when === "written") await flushPermissionUse();
      const use = await permissionUse(legacy.key.clientId);
      expect(use.status, when).toBe(200);
      const data = use.body.data as Record<string, unknown>;
      expect(data, when).toMatchObject({
        kind: "legacy",
        role: "events",
        windowDays: 30,
        totalRequests: 6,
        legacyRoleCalls: [],
        suggested: ["environments:read", "cards:read", "customers:write"],
        unused: ["cards:write", "customers:read", "events:write"],
      });
      expect(
        (data.observed as { permission: string; requests: number; granted: boolean }[]).map((o) => [
          o.permission,
          o.requests,
          o.granted,
        ]),
        when,
      ).toEqual([
        ["environments:read", 2, true],
        ["cards:read", 3, true],
        ["customers:write", 1, true],
      ]);
    }
    const rows = await db().apiKeyPermissionUse.findMany({ where: { apiKeyId: legacy.key.id } });
    expect(rows.map((r) => [r.access, r.requests]).sort()).toEqual([
      ["cards:read", 3],
      ["customers:write", 1],
      ["environments:read", 2],
    ]);

    // "Create a fine-grained key with exactly these".
    const use = await getLeastPrivilege(seed.actor, legacy.key.id);
    const created = await createApiKey(seed.actor, {
      environmentId: seed.production,
      name: "least privilege",
      kind: "fine_grained",
      permissions: use.suggested,
      basedOn: legacy.key.id,
    });
    expect(created.key.kind).toBe("fine_grained");
    expect([...created.key.permissions].sort()).toEqual([
      "cards:read",
      "customers:write",
      "environments:read",
    ]);
    const audit = await listAudit(
      seed.actor,
      { action: "api_key.create", targetId: created.key.id },
      { take: 1, skip: 0 },
    );
    expect(audit.events[0].details).toMatchObject({
      createdFromObservedUseOf: `legacy events (${legacy.key.clientId})`,
      observedPermissions: ["environments:read", "cards:read", "customers:write"],
      permissions: created.key.permissions,
    });

    const narrow = await accessToken(running.base, created);
    expect((await call(running.base, "/v1/environments", { token: narrow })).status).toBe(200);
    expect((await call(running.base, `${env}/cards`, { token: narrow })).status).toBe(200);
    const made = await call(running.base, `${env}/customers`, {
      token: narrow,
      method: "POST",
      body: { externalId: "cus-least-privilege-2" },
    });
    expect(made.status).toBe(201);
    // What the old key could do but never did is refused.
    for (const [method, path, permission] of [
      ["POST", `${env}/cards`, "cards:write"],
      ["GET", `${env}/customers`, "customers:read"],
      ["POST", `${env}/events`, "events:write"],
    ] as const) {
      const refused = await call(running.base, path, {
        token: narrow,
        method,
        ...(method === "POST" ? { body: {} } : {}),
      });
      expect(refused.status, path).toBe(403);
      expect(refused.body.detail, path).toBe(`missing permission: ${permission}`);
    }

    // The old key is untouched and still works.
    // Every column but the use stamps (written by the usage counters' own batches).
    const settings = (row: typeof before) => ({
      ...row,
      lastUsedAt: null,
      lastUsedIp: null,
      lastUsedUserAgent: null,
    });
    const after = await db().apiKey.findUniqueOrThrow({ where: { id: legacy.key.id } });
    expect(settings(after)).toEqual(settings(before));
    expect((await call(running.base, `${env}/cards`, { token })).status).toBe(200);
  });

  it("shows a fine-grained key's unused permissions, and permissions it used but no longer holds are not suggested", async () => {
    const key = await newKey(seed, { permissions: ["cards:read", "cards:write", "customers:read"] });
    const token = await accessToken(running.base, key);
    expect((await call(running.base, `/v1/${seed.production}/cards`, { token })).status).toBe(200);
    expect((await call(running.base, `/v1/${seed.production}/customers`, { token })).status).toBe(200);
    await flushPermissionUse();
    const { updateApiKey } = await import("@/lib/api-keys");
    await updateApiKey(seed.actor, { id: key.key.id, permissions: ["cards:read", "cards:write"] });
    const use = await getLeastPrivilege(seed.actor, key.key.id);
    expect(use.observed.map((o) => [o.permission, o.granted])).toEqual([
      ["cards:read", true],
      ["customers:read", false],
    ]);
    expect(use.unused).toEqual(["cards:write"]);
    expect(use.suggested).toEqual(["cards:read"]);
    expect(use.canNarrow).toBe(true);
  });

  it("a legacy auth key's credentials API calls are counted under its role, which no permission covers", async () => {
    const auth = await newKey(seed, { name: "bootstrap", role: "auth" });
    const token = await accessToken(running.base, auth);
    const created = await call(running.base, `/v1/${seed.production}/credentials`, {
      token,
      method: "POST",
      body: { name: "made by auth", role: "events" },
    });
    expect(created.status).toBe(201);
    const use = await permissionUse(auth.key.clientId);
    expect(use.body.data).toMatchObject({
      totalRequests: 1,
      observed: [],
      legacyRoleCalls: [{ role: "auth", requests: 1 }],
      suggested: [],
    });
    expect((await getLeastPrivilege(seed.actor, auth.key.id)).canNarrow).toBe(false);
  });

  it("counts only the last 30 days and prunes older rows", async () => {
    const key = await newKey(seed, { role: "events" });
    const now = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    const callAt = async (daysAgo: number, path: string) => {
      vi.setSystemTime(now - daysAgo * DAY);
      const token = await accessToken(running.base, key);
      expect((await call(running.base, path, { token })).status).toBe(200);
      await flushPermissionUse();
    };
    await callAt(40, `/v1/${seed.production}/cards`);
    expect(await db().apiKeyPermissionUse.count({ where: { apiKeyId: key.key.id } })).toBe(1);
    await callAt(0, `/v1/${seed.production}/customers`);
    // Today's first write pruned the 40-day-old row.
    const access = async () =>
      (
        await db().apiKeyPermissionUse.findMany({ where: { apiKeyId: key.key.id }, orderBy: { day: "asc" } })
      ).map((r) => r.access);
    expect(await access()).toEqual(["customers:read"]);
    // A call 30 days ago (just before the window) is stored but not counted, and goes at the next prune.
    await callAt(OBSERVATION_WINDOW_DAYS, "/v1/environments");
    await callAt(OBSERVATION_WINDOW_DAYS - 1, `/v1/${seed.production}/cards`);
    vi.useRealTimers();
    expect(await access()).toEqual(["environments:read", "cards:read", "customers:read"]);
    const use = await getLeastPrivilege(seed.actor, key.key.id);
    expect(use.observed.map((o) => [o.permission, o.requests])).toEqual([
      ["cards:read", 1],
      ["customers:read", 1],
    ]);
    expect(use.suggested).toEqual(["cards:read", "customers:read"]);
    expect(await prunePermissionUse()).toBeGreaterThanOrEqual(1);
    expect(await access()).toEqual(["cards:read", "customers:read"]);
  });

  it("answers 404 for a key of another environment or none, and 403 without api_keys:read", async () => {
    const staging = await newKey(seed, { role: "events" }, seed.staging);
    expect((await permissionUse(staging.key.clientId)).status).toBe(404);
    expect((await permissionUse("wb_nope")).status).toBe(404);
    const other = await newKey(seed, { permissions: ["cards:read"] });
    const refused = await call(
      running.base,
      `/v1/${seed.production}/api-keys/${other.key.clientId}/permission-use`,
      {
        token: await accessToken(running.base, other),
      },
    );
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe("missing permission: api_keys:read");
  });

  it("refuses basing a key on a key of another environment", async () => {
    const staging = await newKey(seed, { role: "events" }, seed.staging);
    await expect(
      createApiKey(seed.actor, {
        environmentId: seed.production,
        name: "wrong origin",
        kind: "fine_grained",
        permissions: ["cards:read"],
        basedOn: staging.key.id,
      }),
    ).rejects.toThrow(/not in this environment/);
    expect((await getApiKey(seed.actor, { id: staging.key.id })).kind).toBe("legacy");
  });

  it("counts calls on either side of midnight under their own day, also when written in one flush", async () => {
    const night = await newKey(seed, { name: "night", permissions: ["cards:read"] });
    const midnight = Date.now() - (Date.now() % DAY);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(midnight - 100);
    recordPermissionUse(night.key.id, "cards:read");
    recordPermissionUse(night.key.id, "cards:read");
    vi.setSystemTime(midnight + 100);
    for (let i = 0; i < 3; i++) recordPermissionUse(night.key.id, "cards:read");
    vi.useRealTimers();
    await flushPermissionUse();
    const rows = await db().apiKeyPermissionUse.findMany({
      where: { apiKeyId: night.key.id },
      select: { day: true, access: true, requests: true },
      orderBy: { day: "asc" },
    });
    expect(rows).toEqual([
      { day: new Date(midnight - DAY), access: "cards:read", requests: 2 },
      { day: new Date(midnight), access: "cards:read", requests: 3 },
    ]);
  });

  it("storage per key is bounded: 30 days × what it uses, pruned as the window moves; measured at the bound", async () => {
    const accesses = [...PERMISSION_NAMES, "role:auth"];
    const perKey = accesses.length * OBSERVATION_WINDOW_DAYS;
    // Through the writer: every permission and role every day for 40 days keeps 30 days of rows.
    const busy = await newKey(seed, { name: "busy", permissions: [...PERMISSION_NAMES] });
    const now = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    for (let daysAgo = 39; daysAgo >= 0; daysAgo--) {
      vi.setSystemTime(now - daysAgo * DAY);
      for (const access of accesses) recordPermissionUse(busy.key.id, access);
      await flushPermissionUse();
    }
    vi.useRealTimers();
    expect(await db().apiKeyPermissionUse.count({ where: { apiKeyId: busy.key.id } })).toBe(perKey);
    expect((await getLeastPrivilege(seed.actor, busy.key.id)).totalRequests).toBe(perKey);

    // The bytes of that bound, on 10 keys' rows written at once (the same rows the writer makes).
    const keys = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        newKey(seed, { name: `measured ${i}`, permissions: ["cards:read"] }),
      ),
    );
    const tableBytes = async () => {
      if (kind === "postgres") {
        const [row] = await db().$queryRawUnsafe<{ bytes: bigint }[]>(
          `SELECT pg_total_relation_size('api_key_permission_use') AS bytes`,
        );
        return Number(row.bytes);
      }
      const [row] = await db().$queryRawUnsafe<{ bytes: bigint | number }[]>(
        `SELECT SUM(pgsize) AS bytes FROM dbstat WHERE name IN ('api_key_permission_use', 'sqlite_autoindex_api_key_permission_use_1', 'api_key_permission_use_day_idx')`,
      );
      return Number(row.bytes);
    };
    const before = await tableBytes();
    const today = now - (now % DAY);
    await db().apiKeyPermissionUse.createMany({
      data: keys.flatMap((key) =>
        Array.from({ length: OBSERVATION_WINDOW_DAYS }, (_, d) =>
          accesses.map((access) => ({
            apiKeyId: key.key.id,
            day: new Date(today - d * DAY),
            access,
            requests: 1234,
            lastUsedAt: new Date(today - d * DAY + 3_600_000),
          })),
        ).flat(),
      ),
    });
    const bytes = ((await tableBytes()) - before) / keys.length;
    console.log(
      `[storage] ${kind}: ${Math.round(bytes)} bytes per key at the bound (${perKey} rows: ${accesses.length} permissions and roles × ${OBSERVATION_WINDOW_DAYS} days), ${Math.round(bytes / perKey)} bytes per row with its indexes`,
    );
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(128 * 1024);
  });
});
