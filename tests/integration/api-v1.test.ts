// /v1/* against the real API and database: the documented troubleshooting cases (401/403 with a
// body that says why), User-Agent, the credentials API (incl. 50 concurrent rotations), the
// resources, usage counters and the audit log. Runs on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flushUsage, getUsage, listApiKeys, pendingUsage, updateApiKey } from "@/lib/api-keys";
import { tokenSigningKey } from "@/lib/api-keys/signing-key";
import { signToken } from "@/lib/api-keys/tokens";
import { cardResponse, environmentsResponse, eventResponse } from "@/lib/api-resources/schemas";
import { listAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { DATABASE_KINDS, stopPostgres } from "@/test-support/test-database";
import {
  accessToken,
  call,
  HIGH_LIMITS,
  newKey,
  requestToken,
  startApi,
  startSuite,
  stopSuite,
  UA,
  type RunningApi,
  type Seed,
} from "./helpers/api";

afterAll(() => stopPostgres());

describe.each(DATABASE_KINDS)("/v1 on %s", (kind) => {
  let running: RunningApi;
  let seed: Seed;

  beforeAll(async () => ({ running, seed } = await startSuite(kind)));
  afterAll(() => stopSuite(running));

  it("401 says whether the token is missing, malformed or expired", async () => {
    const key = await newKey(seed, { permissions: ["environments:read"] });
    const missing = await call(running.base, "/v1/environments");
    expect(missing.status).toBe(401);
    expect(missing.headers.get("content-type")).toContain("application/problem+json");
    expect(missing.body).toMatchObject({
      status: 401,
      title: "Unauthorized",
      detail: expect.stringContaining("Missing access token"),
    });
    expect(missing.headers.get("www-authenticate")).toContain("Bearer");
    const wrongScheme = await call(running.base, "/v1/environments", {
      headers: { authorization: "Token abc" },
    });
    expect(wrongScheme.body.detail).toContain("Malformed Authorization header");
    const forged = await call(running.base, "/v1/environments", { token: "wbat_eyJ.forged" });
    expect(forged.body.detail).toContain("malformed");
    const { body: tokens } = await requestToken(running.base, key.key.clientId, key.clientSecret);
    expect((await call(running.base, "/v1/environments", { token: tokens.refresh_token })).status).toBe(401);
    const past = Math.floor(Date.now() / 1000) - 10;
    const expired = signToken(await tokenSigningKey(), {
      type: "access",
      keyId: key.key.id,
      generation: 1,
      expiresAt: past,
      scope: [],
    });
    const refused = await call(running.base, "/v1/environments", { token: expired });
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toMatch(/The access token expired at .*request a new token/);
  });

  it("403 names the missing permission, the wrong legacy role, or the caller IP outside the allowlist", async () => {
    const narrow = await newKey(seed, { permissions: ["environments:read"] });
    const missing = await call(running.base, `/v1/${seed.production}/cards`, {
      token: await accessToken(running.base, narrow),
    });
    expect(missing.status).toBe(403);
    expect(missing.body).toMatchObject({
      detail: "missing permission: cards:read",
      code: "missing_permission",
      type: "urn:workbench:problem:missing-permission",
    });

    const events = await newKey(seed, { role: "events" });
    const wrongRole = await call(running.base, `/v1/${seed.production}/integration-credentials`, {
      token: await accessToken(running.base, events),
    });
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body.detail).toBe(
      "legacy role events cannot call this operation; it requires role workbench",
    );

    const fenced = await newKey(seed, { permissions: ["environments:read"], allowlist: ["127.0.0.1/32"] });
    const token = await accessToken(running.base, fenced);
    expect((await call(running.base, "/v1/environments", { token })).status).toBe(200);
    await updateApiKey(seed.actor, { id: fenced.key.id, allowlist: ["127.0.0.2/32"] });
    const outside = await call(running.base, "/v1/environments", { token });
    expect(outside.status).toBe(403);
    expect(outside.body.detail).toBe("caller IP 127.0.0.1 not in allowlist");
    const tokenRequest = await requestToken(running.base, fenced.key.clientId, fenced.clientSecret);
    expect(tokenRequest.status).toBe(403);
    expect(tokenRequest.body.error_description).toBe("caller IP 127.0.0.1 not in allowlist");

    const wide = await newKey(seed, { permissions: ["cards:read"] });
    const otherEnvironment = await call(running.base, `/v1/${seed.staging}/cards`, {
      token: await accessToken(running.base, wide),
    });
    expect(otherEnvironment.status).toBe(403);
    expect(otherEnvironment.body.code).toBe("wrong_environment");
  });

  it("requires a User-Agent (400 with a clear message) and never answers bad input with a 500", async () => {
    const key = await newKey(seed, { permissions: ["environments:read", "cards:read", "cards:write"] });
    const token = await accessToken(running.base, key);
    const bare = await fetch(`${running.base}/v1/environments`, {
      headers: { authorization: `Bearer ${token}`, "user-agent": "" },
    });
    expect(bare.status).toBe(400);
    expect(((await bare.json()) as { detail: string }).detail).toContain("must include a User-Agent header");
    const cases: [string, { method?: string; body?: unknown; headers?: Record<string, string> }, number][] = [
      // Not an id, so a name: there is no environment "abc".
      ["/v1/abc/cards", {}, 404],
      ["/v1/99999999999999999999/cards", {}, 400],
      [`/v1/${seed.production}/cards?limit=-1`, {}, 400],
      [`/v1/${seed.production}/cards?cursor=nope`, {}, 400],
      [`/v1/${seed.production}/cards/does-not-exist`, {}, 404],
      [`/v1/${seed.production}/cards`, { method: "POST", body: { title: "" } }, 400],
      [`/v1/${seed.production}/cards`, { method: "POST", body: { title: "x", customerId: "ghost" } }, 400],
      [`/v1/${seed.production}/cards`, { method: "POST", body: ["not", "an", "object"] }, 400],
      [`/v1/${seed.production}/cards/x`, { method: "PATCH", body: {} }, 400],
      ["/v1/nowhere", {}, 404],
    ];
    for (const [path, init, status] of cases) {
      const response = await call(running.base, path, { token, ...init });
      expect(response.status, path).toBe(status);
      expect(response.headers.get("content-type"), path).toContain("application/problem+json");
      expect(typeof response.body.detail, path).toBe("string");
    }
    const broken = await fetch(`${running.base}/v1/${seed.production}/cards`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "user-agent": UA, "content-type": "application/json" },
      body: '{"title": ',
    });
    expect(broken.status).toBe(400);
  });

  it("serves environments, cards, customers, events and credential metadata (never secrets)", async () => {
    const key = await newKey(seed, {
      permissions: [
        "environments:read",
        "cards:read",
        "cards:write",
        "customers:read",
        "customers:write",
        "events:write",
        "credentials:read",
      ],
    });
    const token = await accessToken(running.base, key);
    const environments = environmentsResponse.parse(
      (await call(running.base, "/v1/environments", { token })).body,
    );
    expect(environments.environments.map((e) => e.id)).toEqual([seed.production]);
    const base = `/v1/${seed.production}`;
    const created = await call(running.base, `${base}/cards`, {
      token,
      method: "POST",
      body: { title: "Welcome" },
    });
    expect(created.status).toBe(201);
    // A create that fails in its handler answers its own status, not the 201 of its success.
    const unknownCustomer = await call(running.base, `${base}/cards`, {
      token,
      method: "POST",
      body: { title: "Orphan", customerId: "no-such-customer" },
    });
    expect(unknownCustomer.status).toBe(400);
    expect(unknownCustomer.body).toMatchObject({ errors: { customerId: "Unknown customer" } });
    const card = cardResponse.parse(created.body).data;
    expect(
      (
        await call(running.base, `${base}/cards/${card.id}`, {
          token,
          method: "PATCH",
          body: { status: "archived" },
        })
      ).body.data,
    ).toMatchObject({ status: "archived" });
    const event = await call(running.base, `${base}/events`, {
      token,
      method: "POST",
      body: { customerExternalId: "cust-1", title: "Your order shipped" },
    });
    expect(event.status).toBe(201);
    const sent = eventResponse.parse(event.body).data;
    expect(sent.card.customerId).toBe(sent.customer.id);
    expect(
      (
        await call(running.base, `${base}/customers`, {
          token,
          method: "POST",
          body: { externalId: "cust-1" },
        })
      ).status,
    ).toBe(409);
    const list = await call(running.base, `${base}/cards?customerId=${sent.customer.id}`, { token });
    expect((list.body.data as { id: string }[]).map((c) => c.id)).toEqual([sent.card.id]);
    // A list page is JSON the database wrote: the same type and item as the card's own read.
    expect(list.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(list.body).toEqual({
      data: [(await call(running.base, `${base}/cards/${sent.card.id}`, { token })).body.data],
      nextCursor: null,
    });
    expect((await call(running.base, `${base}/cards/${card.id}`, { token, method: "DELETE" })).body).toEqual({
      data: { id: card.id },
    });
    expect((await call(running.base, `${base}/cards/${card.id}`, { token })).status).toBe(404);
    // Changes made through the API are audited under the key that made them.
    const audited = await listAudit(
      seed.actor,
      { targetType: "card", targetId: card.id },
      { take: 10, skip: 0 },
    );
    expect(audited.events.map((e) => e.action).sort()).toEqual(["card.create", "card.delete", "card.update"]);
    expect(
      audited.events.every((e) => e.actorType === "api_key" && e.environmentId === seed.production),
    ).toBe(true);
    const eventAudit = await listAudit(
      seed.actor,
      { action: "event.send", targetId: sent.card.id },
      { take: 1, skip: 0 },
    );
    expect(eventAudit.events[0]).toMatchObject({ actorType: "api_key", details: { customer: "cust-1" } });

    await db().credential.create({
      data: {
        environmentId: seed.production,
        name: "Partner OAuth",
        type: "basic",
        secrets: '{"password":"TOP-SECRET-VALUE"}',
        config: '{"username":"u"}',
        createdByLabel: "t",
        updatedByLabel: "t",
      },
    });
    const metadata = await call(running.base, `${base}/integration-credentials`, { token });
    expect(metadata.status).toBe(200);
    expect(metadata.body.data).toEqual([expect.objectContaining({ name: "Partner OAuth", type: "basic" })]);
    expect(JSON.stringify(metadata.body)).not.toContain("TOP-SECRET-VALUE");
  });

  it("credentials API: an auth key manages workbench/events keys, never auth or fine-grained ones", async () => {
    const auth = await newKey(seed, { role: "auth", name: "provisioner" });
    const token = await accessToken(running.base, auth);
    const base = `/v1/${seed.production}/credentials`;
    const created = await call(running.base, base, { token, method: "POST", body: { role: "events" } });
    expect(created.status).toBe(201);
    const { clientId, clientSecret } = created.body.data as { clientId: string; clientSecret: string };
    expect((await requestToken(running.base, clientId, clientSecret)).body.scope).toBe("events");
    expect((await call(running.base, base, { token, method: "POST", body: { role: "auth" } })).status).toBe(
      400,
    );
    const rotateAuth = await call(running.base, `${base}/${auth.key.clientId}/rotate`, {
      token,
      method: "POST",
    });
    expect(rotateAuth.status).toBe(403);
    expect(rotateAuth.body.detail).toBe("auth keys are managed in the console only");
    const fine = await newKey(seed, { permissions: ["environments:read"] });
    expect(
      (await call(running.base, `${base}/${fine.key.clientId}`, { token, method: "DELETE" })).status,
    ).toBe(403);
    const fineCaller = await call(running.base, base, {
      token: await accessToken(running.base, fine),
      method: "POST",
      body: { role: "events" },
    });
    expect(fineCaller.status).toBe(403);
    expect(fineCaller.body.detail).toContain("requires a legacy key with role auth");
    const eventsToken = (await requestToken(running.base, clientId, clientSecret)).body.access_token;
    const events = await call(running.base, base, {
      token: eventsToken,
      method: "POST",
      body: { role: "events" },
    });
    expect(events.body.detail).toBe("legacy role events cannot call this operation; it requires role auth");
    expect((await call(running.base, `${base}/${clientId}`, { token, method: "DELETE" })).body).toEqual({
      data: { clientId },
    });
    expect((await requestToken(running.base, clientId, clientSecret)).status).toBe(401);
  });

  it("keys created through the credentials API inherit the creator's allowlist and cannot outlive it", async () => {
    const expiresAt = new Date(Date.now() + 2 * 24 * 3600 * 1000);
    const fenced = await newKey(seed, {
      role: "auth",
      name: "fenced provisioner",
      allowlist: ["127.0.0.1/32"],
      expiresAt,
    });
    const created = await call(running.base, `/v1/${seed.production}/credentials`, {
      token: await accessToken(running.base, fenced),
      method: "POST",
      body: { role: "workbench" },
    });
    expect(created.status).toBe(201);
    const { clientId } = created.body.data as { clientId: string };
    const child = await db().apiKey.findUniqueOrThrow({
      where: { clientId },
      select: { allowlist: true, expiresAt: true },
    });
    expect(JSON.parse(child.allowlist)).toEqual(["127.0.0.1"]); // stored normalised
    expect(child.expiresAt?.getTime()).toBe(expiresAt.getTime());
  });

  it("behind one trusted proxy, an X-Forwarded-For address the client wrote itself does not pass an allowlist", async () => {
    process.env.WORKBENCH_TRUST_PROXY = "1";
    const proxied = await startApi({ rateLimits: HIGH_LIMITS });
    try {
      // The allowlist names an address nothing is sent to; the header only claims it.
      const key = await newKey(seed, { permissions: ["environments:read"], allowlist: ["198.51.100.7/32"] });
      const token = await accessToken(running.base, key).catch(() => null);
      expect(token).toBeNull(); // direct from 127.0.0.1: refused
      // The client claims the allowlisted address; the balancer (this test) appends the real one.
      const spoofed = { "x-forwarded-for": "198.51.100.7, 127.0.0.77" };
      const refused = await fetch(`${proxied.base}/oauth2/token?grant_type=client_credentials`, {
        method: "POST",
        headers: {
          ...spoofed,
          "user-agent": UA,
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Basic ${Buffer.from(`${key.key.clientId}:${key.clientSecret}`).toString("base64")}`,
        },
      });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error_description: string }).error_description).toBe(
        "caller IP 127.0.0.77 not in allowlist",
      );
      // The address the balancer appended is the one that counts.
      const open = await newKey(seed, { permissions: ["environments:read"], allowlist: ["127.0.0.77/32"] });
      const allowed = await fetch(`${proxied.base}/oauth2/token?grant_type=client_credentials`, {
        method: "POST",
        headers: {
          ...spoofed,
          "user-agent": UA,
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Basic ${Buffer.from(`${open.key.clientId}:${open.clientSecret}`).toString("base64")}`,
        },
      });
      expect(allowed.status).toBe(200);
    } finally {
      delete process.env.WORKBENCH_TRUST_PROXY;
      await proxied.api.close();
    }
  });

  it("50 concurrent rotations of one key: no 500, and exactly one secret works afterwards", async () => {
    const auth = await newKey(seed, { role: "auth" });
    const token = await accessToken(running.base, auth);
    const target = await newKey(seed, { role: "workbench" });
    const url = `/v1/${seed.production}/credentials/${target.key.clientId}/rotate`;
    const results = await Promise.all(
      Array.from({ length: 50 }, () => call(running.base, url, { token, method: "POST", body: {} })),
    );
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    const secrets = results
      .filter((r) => r.status === 200)
      .map((r) => (r.body.data as { clientSecret: string }).clientSecret);
    expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    expect(secrets.length).toBeGreaterThan(0);
    const working = [];
    for (const secret of [target.clientSecret, ...secrets]) {
      if ((await requestToken(running.base, target.key.clientId, secret)).status === 200)
        working.push(secret);
    }
    expect(working).toHaveLength(1);
  });

  it("a key's last use and counts stay readable while their batch is being written, and count once", async () => {
    const key = await newKey(seed, { permissions: ["environments:read"], name: "mid-flush probe" });
    const token = await accessToken(running.base, key);
    await flushUsage(); // the token request's count is written; only the API call is left
    expect((await call(running.base, "/v1/environments", { token })).status).toBe(200);
    const flushing = flushUsage();
    // The batch has left the pending records and is not in the database yet: it is still seen.
    const mid = pendingUsage(key.key.id);
    expect(mid.lastUsed).toMatchObject({ ip: "127.0.0.1", userAgent: UA });
    expect(mid.buckets.reduce((sum, b) => sum + b.apiRequests, 0)).toBe(1);
    await flushing;
    expect(pendingUsage(key.key.id)).toEqual({ buckets: [], lastUsed: null });
    const hours = await getUsage(seed.actor, key.key.id);
    expect(hours.reduce((sum, h) => sum + h.apiRequests, 0)).toBe(1);
    const page = await listApiKeys(seed.actor, { environmentId: seed.production, search: "mid-flush probe" });
    expect(page.items[0]).toMatchObject({ lastUsedIp: "127.0.0.1", lastUsedUserAgent: UA });
  });

  it("counts usage per hour, records last use, and audits changes without secrets", async () => {
    const key = await newKey(seed, { permissions: ["environments:read"], name: "usage probe" });
    const token = await accessToken(running.base, key);
    await call(running.base, "/v1/environments", { token });
    await call(running.base, `/v1/${seed.production}/cards`, { token });
    await requestToken(running.base, key.key.clientId, "wbsk_wrong");
    await flushUsage();
    const hours = await getUsage(seed.actor, key.key.id);
    expect(hours).toHaveLength(24);
    const totals = hours.reduce(
      (sum, h) => ({
        token: sum.token + h.tokenRequests,
        api: sum.api + h.apiRequests,
        s403: sum.s403 + h.status403,
      }),
      { token: 0, api: 0, s403: 0 },
    );
    expect(totals).toEqual({ token: 1, api: 1, s403: 1 });
    const page = await listApiKeys(seed.actor, { environmentId: seed.production, search: "USAGE probe" });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      lastUsedIp: "127.0.0.1",
      lastUsedUserAgent: UA,
      status: "active",
      secretHint: key.clientSecret.slice(-4),
    });
    expect(JSON.stringify(page)).not.toContain(key.clientSecret);
    const { events } = await listAudit(seed.actor, { action: "api_key." }, { take: 500, skip: 0 });
    expect(events.some((e) => e.action === "api_key.create" && e.targetId === key.key.id)).toBe(true);
    expect(events.some((e) => e.action === "api_key.rotate")).toBe(true);
    expect(JSON.stringify(events)).not.toMatch(/wbsk_/);
  });
});
