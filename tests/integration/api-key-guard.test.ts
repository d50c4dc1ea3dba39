// Report-only IP allowlists and rotation graces that follow traffic, through the real API on
// SQLite and PostgreSQL, with a second instance (its own process) for the propagation of a grace
// that ends by itself. The periodic job is called with an injected clock ("16 minutes later").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  endSilentGraces,
  enforceObservedAddresses,
  flushTraffic,
  getApiKey,
  getObservedAddresses,
  rotateApiKey,
  updateApiKey,
} from "@/lib/api-keys";
import { pruneObservedAddresses } from "@/lib/api-keys/traffic";
import { db } from "@/lib/db";
import {
  DATABASE_KINDS,
  resetProcessState,
  stopPostgres,
  useFreshDatabase,
} from "@/test-support/test-database";
import {
  accessToken,
  call,
  HIGH_LIMITS,
  newKey,
  requestToken,
  seedOrganisation,
  startApi,
  UA,
  waitUntil,
  type RunningApi,
  type Seed,
} from "./helpers/api";
import { startInstance, type Instance } from "./helpers/instance";

const MINUTE = 60_000;

/** A token request that a trusted proxy (this test) forwarded for `from`. */
async function tokenFrom(base: string, from: string, clientId: string, secret: string): Promise<number> {
  const response = await fetch(`${base}/oauth2/token?grant_type=client_credentials`, {
    method: "POST",
    headers: {
      "x-forwarded-for": from,
      "user-agent": UA,
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`,
    },
  });
  await response.arrayBuffer();
  return response.status;
}

async function auditEntries(keyId: string, action: string) {
  const rows = await db().auditEvent.findMany({
    where: { targetId: keyId, action },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
}

afterAll(() => stopPostgres());

describe.each(DATABASE_KINDS)("API key guard on %s", (kind) => {
  let running: RunningApi;
  let proxied: RunningApi;
  let second: Instance;
  let seed: Seed;

  beforeAll(async () => {
    const url = await useFreshDatabase(kind);
    seed = await seedOrganisation();
    running = await startApi({ rateLimits: HIGH_LIMITS });
    process.env.WORKBENCH_TRUST_PROXY = "1";
    try {
      proxied = await startApi({ rateLimits: HIGH_LIMITS });
    } finally {
      delete process.env.WORKBENCH_TRUST_PROXY;
    }
    second = await startInstance({
      DATABASE_URL: url,
      WORKBENCH_TOKEN_RATE_LIMIT: "100000",
      WORKBENCH_AUTH_FAILURE_RATE_LIMIT: "100000",
    });
  });
  afterAll(async () => {
    second?.child.kill("SIGTERM");
    await running?.api.close();
    await proxied?.api.close();
    await resetProcessState();
  });

  describe("report-only allowlist", () => {
    it("lets other addresses through and records each with its count; enforce mode refuses them", async () => {
      const report = await newKey(seed, { permissions: ["environments:read"], allowlist: ["198.51.100.7"] });
      await updateApiKey(seed.actor, { id: report.key.id, allowlistMode: "report" });
      const token = await accessToken(running.base, report);
      expect((await call(running.base, "/v1/environments", { token })).status).toBe(200);
      expect((await call(running.base, "/v1/environments", { token })).status).toBe(200);
      const { clientId } = report.key;
      expect(await tokenFrom(proxied.base, "203.0.113.5", clientId, report.clientSecret)).toBe(200);
      // The allowlisted address itself is not "outside".
      expect(await tokenFrom(proxied.base, "198.51.100.7", clientId, report.clientSecret)).toBe(200);
      await flushTraffic();
      const rows = await db().apiKeyObservedAddress.findMany({
        where: { apiKeyId: report.key.id },
        orderBy: { address: "asc" },
      });
      expect(rows.map((r) => [r.address, r.count])).toEqual([
        ["127.0.0.1", 3], // one token request and two API calls
        ["203.0.113.5", 1],
      ]);
      expect((await getObservedAddresses(seed.actor, report.key.id)).map((r) => r.address)).toEqual([
        "127.0.0.1",
        "203.0.113.5",
      ]);

      const enforced = await newKey(seed, {
        permissions: ["environments:read"],
        allowlist: ["198.51.100.7"],
      });
      const refused = await requestToken(running.base, enforced.key.clientId, enforced.clientSecret);
      expect(refused.status).toBe(403);
      expect(refused.body.error_description).toBe("caller IP 127.0.0.1 not in allowlist");
      await flushTraffic();
      expect(await db().apiKeyObservedAddress.count({ where: { apiKeyId: enforced.key.id } })).toBe(0);
    });

    it("“Allow these and enforce” adds the addresses seen, enforces the list and audits it", async () => {
      const key = await newKey(seed, { permissions: ["environments:read"], allowlist: ["198.51.100.0/24"] });
      await updateApiKey(seed.actor, { id: key.key.id, allowlistMode: "report" });
      const { clientId } = key.key;
      expect(await tokenFrom(proxied.base, "203.0.113.5", clientId, key.clientSecret)).toBe(200);
      expect(await tokenFrom(proxied.base, "2001:db8::1", clientId, key.clientSecret)).toBe(200);
      expect(await tokenFrom(proxied.base, "198.51.100.9", clientId, key.clientSecret)).toBe(200);
      // Not flushed yet: the service reads what this instance holds as well.
      const view = await enforceObservedAddresses(seed.actor, { id: key.key.id });
      expect(view.allowlistMode).toBe("enforce");
      expect(view.allowlist[0]).toBe("198.51.100.0/24"); // kept first; the addresses seen follow
      expect(view.allowlist.slice(1).sort()).toEqual(["2001:db8::1", "203.0.113.5"]);
      expect(await tokenFrom(proxied.base, "203.0.113.5", clientId, key.clientSecret)).toBe(200);
      expect(await tokenFrom(proxied.base, "2001:db8::1", clientId, key.clientSecret)).toBe(200);
      expect(await tokenFrom(proxied.base, "192.0.2.44", clientId, key.clientSecret)).toBe(403);
      // The other instance enforces it too within the propagation bound.
      await waitUntil(
        async () => (await requestToken(second.base, clientId, key.clientSecret)).status === 403,
        1000,
        20,
      );
      const [audit] = await auditEntries(key.key.id, "api_key.allowlist_enforce");
      expect(audit.actorLabel).toBe("integration tests");
      expect(audit.details).toMatchObject({
        allowlistMode: { from: "report", to: "enforce" },
      });
      expect((audit.details.allowed as string[]).sort()).toEqual(["2001:db8::1", "203.0.113.5"]);
      expect(await db().apiKeyObservedAddress.count({ where: { apiKeyId: key.key.id } })).toBe(0);
      // Already enforced: a second click is refused in words.
      await expect(enforceObservedAddresses(seed.actor, { id: key.key.id })).rejects.toThrow(
        "already enforced",
      );
    });

    it("keeps at most 100 addresses per key and prunes them 30 days after their last request", async () => {
      const key = await newKey(seed, { permissions: ["environments:read"] });
      await updateApiKey(seed.actor, { id: key.key.id, allowlistMode: "report" }); // empty: records all
      for (let i = 0; i < 105; i++)
        expect(await tokenFrom(proxied.base, `192.0.2.${i + 1}`, key.key.clientId, key.clientSecret)).toBe(
          200,
        );
      await flushTraffic();
      expect(await db().apiKeyObservedAddress.count({ where: { apiKeyId: key.key.id } })).toBe(100);
      expect(await pruneObservedAddresses(Date.now() + 29 * 24 * 60 * MINUTE)).toBe(0);
      expect(await pruneObservedAddresses(Date.now() + 31 * 24 * 60 * MINUTE)).toBeGreaterThanOrEqual(100);
      expect(await db().apiKeyObservedAddress.count({ where: { apiKeyId: key.key.id } })).toBe(0);
    });
  });

  describe("rotation grace that follows traffic", () => {
    it("the old secret works while used, the grace ends by itself after the silence, audited, and every instance refuses it", async () => {
      const key = await newKey(seed, { permissions: ["environments:read"] });
      const oldToken = await accessToken(running.base, key);
      const rotated = await rotateApiKey(seed.actor, {
        id: key.key.id,
        grace: "until_unused",
        unusedMinutes: 15,
      });
      expect(rotated.key.previousSecretUnusedMinutes).toBe(15);
      const { clientId } = key.key;
      // The old secret works on both instances, and its use is recorded with time and address.
      expect((await requestToken(running.base, clientId, key.clientSecret)).status).toBe(200);
      await waitUntil(
        async () => (await requestToken(second.base, clientId, key.clientSecret)).status === 200,
        1000,
        20,
      );
      expect((await requestToken(running.base, clientId, rotated.clientSecret)).status).toBe(200);
      await flushTraffic();
      const used = await getApiKey(seed.actor, { id: key.key.id });
      expect(used.previousSecretLastUsedIp).toBe("127.0.0.1");
      const firstUse = used.previousSecretLastUsedAt!.getTime();
      expect(Date.now() - firstUse).toBeLessThan(5000);

      // 14 minutes of silence: the grace goes on (and the old secret's token still works: a use).
      expect(await endSilentGraces(new Date(firstUse + 14 * MINUTE))).toEqual([]);
      expect((await call(running.base, "/v1/environments", { token: oldToken })).status).toBe(200);
      await flushTraffic();
      const lastUse = (await getApiKey(seed.actor, { id: key.key.id })).previousSecretLastUsedAt!.getTime();
      expect(lastUse).toBeGreaterThan(firstUse);
      // 15 minutes after the first use but not after the last: still on.
      expect(await endSilentGraces(new Date(firstUse + 15 * MINUTE + 1))).toEqual([]);
      const [a, b] = await Promise.all([
        endSilentGraces(new Date(lastUse + 15 * MINUTE + 1000)),
        endSilentGraces(new Date(lastUse + 15 * MINUTE + 1000)),
      ]);
      expect([...a, ...b]).toEqual([{ keyId: key.key.id, reason: "unused" }]); // claimed once

      const audits = await auditEntries(key.key.id, "api_key.grace_end");
      expect(audits).toHaveLength(1);
      expect(audits[0].actorType).toBe("system");
      expect(audits[0].details).toMatchObject({
        reason: "old secret unused for 15 minutes",
        lastUsedFrom: "127.0.0.1",
        lastUsedAt: new Date(lastUse).toISOString(),
      });
      // This instance refuses at once; the other within the propagation bound.
      expect((await requestToken(running.base, clientId, key.clientSecret)).status).toBe(401);
      expect((await call(running.base, "/v1/environments", { token: oldToken })).status).toBe(401);
      const elapsed = await waitUntil(
        async () => (await requestToken(second.base, clientId, key.clientSecret)).status === 401,
        1000,
        20,
      );
      expect(elapsed).toBeLessThan(1000);
      expect((await requestToken(second.base, clientId, rotated.clientSecret)).status).toBe(200);
      const after = await getApiKey(seed.actor, { id: key.key.id });
      expect(after.previousSecretUnusedMinutes).toBeNull();
      expect(after.previousSecretExpiresAt).toBeNull();
    });

    it("a token issued under the old secret keeps the grace alive; an unused old secret ends N minutes after the rotation", async () => {
      const key = await newKey(seed, { permissions: ["environments:read"] });
      const silent = await newKey(seed, { permissions: ["environments:read"] });
      const oldToken = await accessToken(running.base, key);
      for (const k of [key, silent])
        await rotateApiKey(seed.actor, { id: k.key.id, grace: "until_unused", unusedMinutes: 5 });
      // An API call with the old secret's token counts as a use, on the other instance too.
      await waitUntil(
        async () => (await call(second.base, "/v1/environments", { token: oldToken })).status === 200,
        1000,
        20,
      );
      // That instance writes its uses in batches (every 2 s).
      const readLastUse = async () =>
        (
          await db().apiKey.findUniqueOrThrow({
            where: { id: key.key.id },
            select: { previousSecretLastUsedAt: true },
          })
        ).previousSecretLastUsedAt;
      await waitUntil(async () => (await readLastUse()) !== null, 5000);
      const lastUse = (await readLastUse())!.getTime();
      // Both rotations happened 10 minutes ago (more than the 5 minutes of silence); the used
      // key's old secret was used just now.
      await db().apiKey.updateMany({
        where: { id: { in: [key.key.id, silent.key.id] } },
        data: { secretRotatedAt: new Date(Date.now() - 10 * MINUTE) },
      });

      // Four minutes after the use: the used key's grace goes on, the silent one's ends — here, or
      // already by the other instance's own periodic job (it runs a few seconds after it starts).
      const endedNow = await endSilentGraces(new Date(lastUse + 4 * MINUTE));
      expect(endedNow.map((e) => e.keyId)).not.toContain(key.key.id);
      expect(endedNow.filter((e) => e.keyId === silent.key.id).every((e) => e.reason === "unused")).toBe(
        true,
      );
      expect((await getApiKey(seed.actor, { id: silent.key.id })).previousSecretUnusedMinutes).toBeNull();
      expect(await auditEntries(silent.key.id, "api_key.grace_end")).toHaveLength(1);
      expect((await call(running.base, "/v1/environments", { token: oldToken })).status).toBe(200);
      const [audit] = await auditEntries(silent.key.id, "api_key.grace_end");
      expect(audit.details).toMatchObject({ reason: "old secret unused for 5 minutes", lastUsedAt: null });
      // Five minutes of silence after its last use: it ends too.
      const ended = await endSilentGraces(new Date(Date.now() + 5 * MINUTE + 1000));
      expect(ended).toEqual([{ keyId: key.key.id, reason: "unused" }]);
      expect((await call(running.base, "/v1/environments", { token: oldToken })).status).toBe(401);
    });

    it("the 7-day limit ends a grace still in use, with its reason", async () => {
      const key = await newKey(seed, { permissions: ["environments:read"] });
      const rotated = await rotateApiKey(seed.actor, { id: key.key.id, grace: "until_unused" });
      expect(rotated.key.previousSecretUnusedMinutes).toBe(15); // the default
      const limit = rotated.key.previousSecretExpiresAt!.getTime();
      expect(limit - rotated.key.secretRotatedAt!.getTime()).toBe(7 * 24 * 60 * MINUTE);
      // Still used a minute before the limit.
      await db().apiKey.update({
        where: { id: key.key.id },
        data: { previousSecretLastUsedAt: new Date(limit - MINUTE), previousSecretLastUsedIp: "127.0.0.1" },
      });
      expect(await endSilentGraces(new Date(limit))).toContainEqual({ keyId: key.key.id, reason: "limit" });
      const [audit] = await auditEntries(key.key.id, "api_key.grace_end");
      expect(audit.details.reason).toBe("the 7-day limit of the grace period was reached");
    });

    it("/v1: an auth key rotates a credential with a grace that follows traffic; bad minutes get a field error", async () => {
      const auth = await newKey(seed, { role: "auth" });
      const target = await newKey(seed, { role: "workbench" });
      const token = await accessToken(running.base, auth);
      const url = `/v1/${seed.production}/credentials/${target.key.clientId}/rotate`;
      const bad = await call(running.base, url, {
        token,
        method: "POST",
        body: { grace: "until_unused", unusedMinutes: 20_000 },
      });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain("At most 10080 minutes");
      const ok = await call(running.base, url, {
        token,
        method: "POST",
        body: { grace: "until_unused", unusedMinutes: 30 },
      });
      expect(ok.status).toBe(200);
      const row = await db().apiKey.findUniqueOrThrow({
        where: { id: target.key.id },
        select: { previousSecretUnusedMinutes: true },
      });
      expect(row.previousSecretUnusedMinutes).toBe(30);
      expect((await requestToken(running.base, target.key.clientId, target.clientSecret)).status).toBe(200);
      const [audit] = await auditEntries(target.key.id, "api_key.rotate");
      expect(audit.details).toMatchObject({ grace: "until_unused", unusedMinutes: 30 });
    });
  });
});
