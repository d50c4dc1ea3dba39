// The webhook delivery engine against real peers on loopback, on SQLite and on PostgreSQL: the
// worker runs in this process against a fresh database; endpoints are made directly in the
// database; the peers verify what they receive (svix's verifier and an HMAC recomputed here).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { createCredential } from "@/lib/credentials";
import { envelopeKeyId, keyring, resetKeyring, rotateMasterKey } from "@/lib/crypto";
import { db } from "@/lib/db";
import { streamIdAt } from "@/lib/webhooks/stream-ids";
import { claimDue, extendLeases, loadClaimed, releaseLeases } from "@/lib/webhooks/delivery/claim";
import { attemptDelivery, completionOf, recordAttempts } from "@/lib/webhooks/delivery/deliver";
import {
  deliverNow,
  emitExpiryNotices,
  pruneWebhookHistory,
  startWebhookWorker,
  USER_AGENT,
  type WebhookWorker,
} from "@/lib/webhooks/delivery";
import { startWebhookPeer, type WebhookPeer } from "@/test-support/peers";
import {
  DATABASE_KINDS,
  resetProcessState,
  stopPostgres,
  useFreshDatabase,
} from "@/test-support/test-database";
import { newKey, seedOrganisation, type Seed } from "./helpers/api";
import { createEndpoint, emitCards, holdEndpointDelete, messageState, waitFor } from "./helpers/webhooks";

process.env.WORKBENCH_OUTBOUND_ALLOW = "127.0.0.0/8";

afterAll(() => stopPostgres());

describe.each(DATABASE_KINDS)("webhook delivery on %s", (kind) => {
  let seed: Seed;
  const peers: WebhookPeer[] = [];
  let worker: WebhookWorker | null = null;

  const start = (schedule: number[] = [0, 0.3, 0.3]) => {
    worker = startWebhookWorker({ schedule, idlePollMs: 25, maintenanceIntervalMs: 0, concurrency: 8 });
    return worker;
  };
  const peer = async (options: Parameters<typeof startWebhookPeer>[0]) => {
    const started = await startWebhookPeer(options);
    peers.push(started);
    return started;
  };

  beforeAll(async () => {
    await useFreshDatabase(kind);
    seed = await seedOrganisation();
  });
  afterEach(async () => {
    await worker?.stop();
    worker = null;
    await Promise.all(peers.splice(0).map((p) => p.close()));
    // Each test starts with no endpoint (an old one would get the next test's events).
    await db().webhookAttempt.deleteMany({});
    await db().webhookMessage.deleteMany({});
    await db().webhookEndpoint.deleteMany({});
  });
  afterAll(async () => {
    await resetProcessState();
  });

  it("delivers the event signed per Standard Webhooks (accepted by svix's verifier) and records the attempt", async () => {
    const receiver = await peer({ secrets: [] });
    const endpoint = await createEndpoint(seed.production, `${receiver.url}/hooks`);
    receiver.secrets.push(endpoint.secret);
    start();
    const [messageId] = await emitCards(seed.production, 1);
    const state = await waitFor(
      () => messageState(messageId),
      (s) => s.status === "succeeded",
    );
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(delivery.verified).toBe(true);
    expect(delivery.signedWith).toEqual([endpoint.secret]);
    expect(delivery.id).toBe(messageId);
    expect(delivery.headers["content-type"]).toBe("application/json");
    expect(delivery.headers["user-agent"]).toBe(USER_AGENT);
    expect(Math.abs(Number(delivery.timestamp) - Date.now() / 1000)).toBeLessThan(30);
    const payload = JSON.parse(delivery.body);
    expect(payload).toEqual({
      type: "card.created",
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: { id: "card_0", title: "Card 0" },
    });
    expect(state.attemptCount).toBe(1);
    expect(state.attempts).toHaveLength(1);
    const [attempt] = state.attempts;
    expect(attempt).toMatchObject({ ok: true, httpStatus: 200, error: null, responseExcerpt: "ok" });
    const request = JSON.parse(attempt.request);
    expect(request).toMatchObject({ method: "POST", url: `${receiver.url}/hooks` });
    expect(request.headers["webhook-id"]).toBe(messageId);
    expect(request.headers["webhook-signature"]).toBe("[redacted]");
    const stored = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(stored).toMatchObject({ lastDeliveryOk: true, failingSince: null });
    expect(stored.lastDeliveryAt).not.toBeNull();
  });

  it("retries on the schedule: a peer answering 500, 500, 200 sees three attempts with the same webhook-id", async () => {
    const receiver = await peer({
      secrets: [],
      answer: (_delivery, nth) => ({ status: nth < 3 ? 500 : 200, body: nth < 3 ? "try later" : "ok" }),
    });
    const endpoint = await createEndpoint(seed.production, receiver.url);
    receiver.secrets.push(endpoint.secret);
    start([0, 0.3, 0.3]);
    const [messageId] = await emitCards(seed.production, 1);
    const state = await waitFor(
      () => messageState(messageId),
      (s) => s.status === "succeeded",
    );
    expect(receiver.received.map((d) => d.id)).toEqual([messageId, messageId, messageId]);
    expect(receiver.received.every((d) => d.verified)).toBe(true);
    // Each attempt is signed afresh (its own timestamp), the id stays.
    expect(state.attempts.map((a) => [a.ok, a.httpStatus])).toEqual([
      [false, 500],
      [false, 500],
      [true, 200],
    ]);
    expect(state.attempts[0].error).toBe(
      "The endpoint answered 500 Internal Server Error; a delivery needs a 2xx answer.",
    );
    expect(state.attempts[0].responseExcerpt).toBe("try later");
    const gaps = [1, 2].map(
      (i) => state.attempts[i].createdAt.getTime() - state.attempts[i - 1].createdAt.getTime(),
    );
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(290);
  });

  it("counts a redirect as a failure (not followed) and marks the message failed after the last attempt", async () => {
    const target = await peer({ secrets: [] });
    const receiver = await peer({
      secrets: [],
      answer: () => ({ status: 302, headers: { location: `${target.url}/elsewhere` } }),
    });
    const endpoint = await createEndpoint(seed.production, receiver.url);
    receiver.secrets.push(endpoint.secret);
    start([0, 0.2, 0.2]);
    const [messageId] = await emitCards(seed.production, 1);
    const state = await waitFor(
      () => messageState(messageId),
      (s) => s.status !== "pending",
    );
    expect(state.status).toBe("failed");
    expect(state.nextAttemptAt).toBeNull();
    expect(state.attempts).toHaveLength(3);
    expect(state.attempts.every((a) => !a.ok && a.httpStatus === 302)).toBe(true);
    expect(state.attempts[0].error).toMatch(/302 Found: a redirect is not followed/);
    expect(target.received).toHaveLength(0);
    const stored = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(stored.lastDeliveryOk).toBe(false);
    expect(stored.failingSince).not.toBeNull();
    expect(stored.status).toBe("enabled");
  });

  it("honours Retry-After on 503 (waits longer than the step, up to the next one)", async () => {
    const receiver = await peer({
      secrets: [],
      answer: (_d, nth) => (nth === 1 ? { status: 503, headers: { "retry-after": "2" } } : { status: 200 }),
    });
    const endpoint = await createEndpoint(seed.production, receiver.url);
    receiver.secrets.push(endpoint.secret);
    start([0, 0.2, 30]);
    const [messageId] = await emitCards(seed.production, 1);
    await waitFor(
      () => messageState(messageId),
      (s) => s.status === "succeeded",
    );
    expect(receiver.received).toHaveLength(2);
    const gap = receiver.received[1].receivedAt - receiver.received[0].receivedAt;
    expect(gap).toBeGreaterThanOrEqual(1900);
    expect(gap).toBeLessThan(10_000);
  });

  it("after a rotation signs with both secrets while the previous one is valid, then only the new one", async () => {
    const oldSecret = "whsec_" + Buffer.alloc(24, 7).toString("base64");
    const receiver = await peer({ secrets: [] });
    const endpoint = await createEndpoint(seed.production, receiver.url, {
      previousSecret: { secret: oldSecret, expiresAt: new Date(Date.now() + 24 * 3600_000) },
    });
    receiver.secrets.push(endpoint.secret, oldSecret);
    start();
    const [first] = await emitCards(seed.production, 1);
    await waitFor(
      () => messageState(first),
      (s) => s.status === "succeeded",
    );
    expect(receiver.received[0].signatures).toHaveLength(2);
    expect(receiver.received[0].signedWith.sort()).toEqual([endpoint.secret, oldSecret].sort());
    expect(receiver.received[0].verified).toBe(true);
    // 24 h later the previous secret has expired: one signature.
    await db().webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { previousSecretExpiresAt: new Date(Date.now() - 1000) },
    });
    const [second] = await emitCards(seed.production, 1, 1);
    await waitFor(
      () => messageState(second),
      (s) => s.status === "succeeded",
    );
    expect(receiver.received[1].signatures).toHaveLength(1);
    expect(receiver.received[1].signedWith).toEqual([endpoint.secret]);
  });

  it("applies the endpoint's credential (Basic and a custom header the peer checks) and records Last used", async () => {
    const receiver = await peer({
      secrets: [],
      answer: (_d, _n, req) =>
        req.headers.authorization === `Basic ${Buffer.from("hooks:peer-password-1").toString("base64")}`
          ? { status: 200 }
          : { status: 401, body: "who are you" },
    });
    const basic = await createCredential(seed.actor, {
      environmentId: seed.production,
      credential: {
        type: "basic",
        name: "Hook basic",
        username: "hooks",
        password: "peer-password-1",
        allowedDestinations: [receiver.url],
      },
    });
    const headerPeer = await peer({
      secrets: [],
      answer: (_d, _n, req) => ({ status: req.headers["x-hook-key"] === "header-secret-42" ? 204 : 403 }),
    });
    const headers = await createCredential(seed.actor, {
      environmentId: seed.production,
      credential: {
        type: "custom_headers",
        name: "Hook header",
        headers: [{ name: "X-Hook-Key", value: "header-secret-42", secret: true }],
        allowedDestinations: [headerPeer.url],
      },
    });
    const a = await createEndpoint(seed.production, receiver.url, {
      credentialId: basic.id,
      name: "Basic hook",
    });
    const b = await createEndpoint(seed.production, headerPeer.url, {
      credentialId: headers.id,
      name: "Header hook",
    });
    receiver.secrets.push(a.secret);
    headerPeer.secrets.push(b.secret);
    start();
    const ids = await emitCards(seed.production, 1);
    const states = await waitFor(
      () => Promise.all(ids.map(messageState)),
      (all) => all.every((s) => s.status !== "pending"),
    );
    expect(states.map((s) => s.status)).toEqual(["succeeded", "succeeded"]);
    expect(receiver.received[0].verified).toBe(true);
    expect(headerPeer.received[0].verified).toBe(true);
    const attempts = states.flatMap((s) => s.attempts);
    const requests = attempts.map((attempt) => JSON.stringify(attempt.request));
    for (const text of requests) {
      expect(text).not.toContain("peer-password-1");
      expect(text).not.toContain("header-secret-42");
    }
    expect(requests.join("\n")).toContain("Basic [redacted]");
    const used = await db().credential.findMany({
      where: { id: { in: [basic.id, headers.id] } },
      select: {
        name: true,
        lastUsedAt: true,
        lastUseByLabel: true,
        lastUseOk: true,
        lastUseDestination: true,
      },
      orderBy: { name: "asc" },
    });
    expect(used).toEqual([
      expect.objectContaining({
        name: "Hook basic",
        lastUseByLabel: 'Webhook endpoint "Basic hook"',
        lastUseOk: true,
      }),
      expect.objectContaining({
        name: "Hook header",
        lastUseByLabel: 'Webhook endpoint "Header hook"',
        lastUseOk: true,
      }),
    ]);
    expect(used[0].lastUseDestination).toBe(`${receiver.url}/`);
    await db().webhookEndpoint.deleteMany({ where: { id: { in: [a.id, b.id] } } });
  });

  it("refuses to send a credential outside its allowed destinations: the attempt fails, nothing reaches the peer", async () => {
    const receiver = await peer({ secrets: [] });
    const credential = await createCredential(seed.actor, {
      environmentId: seed.production,
      credential: {
        type: "basic",
        name: "Elsewhere only",
        username: "u",
        password: "elsewhere-password-1",
        allowedDestinations: ["https://api.example.com"],
      },
    });
    const endpoint = await createEndpoint(seed.production, receiver.url, { credentialId: credential.id });
    receiver.secrets.push(endpoint.secret);
    start([0]);
    const [messageId] = await emitCards(seed.production, 1);
    const state = await waitFor(
      () => messageState(messageId),
      (s) => s.status !== "pending",
    );
    expect(state.status).toBe("failed");
    expect(state.attempts[0].error).toMatch(
      /may only be sent to https:\/\/api\.example\.com; .* Nothing was sent\.$/,
    );
    expect(receiver.received).toHaveLength(0);
    await db().webhookEndpoint.delete({ where: { id: endpoint.id } });
  });

  it("leaves a paused endpoint's messages waiting and delivers them once it is enabled", async () => {
    const receiver = await peer({ secrets: [] });
    const endpoint = await createEndpoint(seed.production, receiver.url, { status: "paused" });
    receiver.secrets.push(endpoint.secret);
    start();
    const [messageId] = await emitCards(seed.production, 1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await messageState(messageId)).status).toBe("pending");
    expect(receiver.received).toHaveLength(0);
    await db().webhookEndpoint.update({ where: { id: endpoint.id }, data: { status: "enabled" } });
    await waitFor(
      () => messageState(messageId),
      (s) => s.status === "succeeded",
    );
  });

  it("disables an endpoint whose every delivery has failed for 5 days, with an audit entry", async () => {
    const receiver = await peer({ secrets: [], answer: () => ({ status: 500 }) });
    const endpoint = await createEndpoint(seed.production, receiver.url, { name: "Always failing" });
    receiver.secrets.push(endpoint.secret);
    const fiveDaysAgo = new Date(Date.now() - 5 * 24 * 3600_000 - 60_000);
    await db().webhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince: fiveDaysAgo } });
    start([0, 60]);
    const [messageId] = await emitCards(seed.production, 1);
    await waitFor(
      () => messageState(messageId),
      (s) => s.attemptCount === 1,
    );
    // The check follows the attempt's record.
    const stored = await waitFor(
      () => db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } }),
      (row) => row.status !== "enabled",
      2000,
    );
    expect(stored.status).toBe("disabled");
    expect(stored.disabledReason).toMatch(
      /^Every delivery has failed since .* \(5 days\): disabled automatically/,
    );
    const audit = await db().auditEvent.findMany({
      where: { action: "webhook_endpoint.disable", targetId: endpoint.id },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorType: "system",
      targetLabel: "Always failing",
      environmentId: seed.production,
    });
    // A disabled endpoint gets no more attempts.
    await db().webhookMessage.update({ where: { id: messageId }, data: { nextAttemptAt: new Date() } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await messageState(messageId)).attemptCount).toBe(1);
  });

  it("an endpoint that failed for less than 5 days stays enabled; a success ends the failing run", async () => {
    const receiver = await peer({ secrets: [], answer: (_d, nth) => ({ status: nth === 1 ? 500 : 200 }) });
    const endpoint = await createEndpoint(seed.production, receiver.url);
    receiver.secrets.push(endpoint.secret);
    await db().webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { failingSince: new Date(Date.now() - 4 * 24 * 3600_000) },
    });
    start([0, 0.2]);
    const [messageId] = await emitCards(seed.production, 1);
    await waitFor(
      () => messageState(messageId),
      (s) => s.status === "succeeded",
    );
    const stored = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(stored).toMatchObject({ status: "enabled", failingSince: null, lastDeliveryOk: true });
  });

  it("resends a message at once (deliverNow): one attempt recorded as manual, never while a worker holds it", async () => {
    const receiver = await peer({ secrets: [] });
    const endpoint = await createEndpoint(seed.production, receiver.url, { status: "paused" });
    receiver.secrets.push(endpoint.secret);
    const [messageId] = await emitCards(seed.production, 1);
    const sent = await deliverNow(messageId, "manual");
    expect(sent?.outcome).toBe("succeeded");
    expect(sent?.attempt).toMatchObject({ ok: true, httpStatus: 200 });
    const state = await messageState(messageId);
    expect(state).toMatchObject({ status: "succeeded", attemptCount: 1, leaseOwner: null });
    expect(state.attempts.map((a) => a.trigger)).toEqual(["manual"]);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0].verified).toBe(true);
    // Resending a delivered message sends it again, under the same webhook-id.
    expect((await deliverNow(messageId))?.outcome).toBe("succeeded");
    expect(receiver.received.map((d) => d.id)).toEqual([messageId, messageId]);
    // A worker's lease holds: no second sender at the same moment.
    await db().webhookMessage.update({
      where: { id: messageId },
      data: { leaseOwner: "worker", leaseUntil: new Date(Date.now() + 60_000) },
    });
    expect(await deliverNow(messageId)).toBeNull();
    expect(receiver.received).toHaveLength(2);
  });

  it("claims a message whose lease ran out (its worker died) and never one whose lease holds", async () => {
    const receiver = await peer({ secrets: [] });
    const endpoint = await createEndpoint(seed.production, receiver.url, { status: "paused" });
    receiver.secrets.push(endpoint.secret);
    const [dead, alive] = await emitCards(seed.production, 2);
    const past = new Date(Date.now() - 1000);
    await db().webhookMessage.update({
      where: { id: dead },
      data: { leaseOwner: "dead-worker", leaseUntil: past },
    });
    await db().webhookMessage.update({
      where: { id: alive },
      data: { leaseOwner: "live-worker", leaseUntil: new Date(Date.now() + 60_000) },
    });
    await db().webhookEndpoint.update({ where: { id: endpoint.id }, data: { status: "enabled" } });
    start();
    await waitFor(
      () => messageState(dead),
      (s) => s.status === "succeeded",
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await messageState(alive)).toMatchObject({
      status: "pending",
      leaseOwner: "live-worker",
      attemptCount: 0,
    });
    expect(receiver.received.map((d) => d.id)).toEqual([dead]);
    await db().webhookEndpoint.delete({ where: { id: endpoint.id } });
  });

  it("concurrent claims never hand the same message to two workers", async () => {
    const receiver = await peer({ secrets: [] });
    const endpoint = await createEndpoint(seed.production, receiver.url, { status: "paused" });
    const ids = await emitCards(seed.production, 60);
    await db().webhookEndpoint.update({ where: { id: endpoint.id }, data: { status: "enabled" } });
    const now = new Date();
    const lease = new Date(now.getTime() + 60_000);
    const claims = await Promise.all(
      Array.from({ length: 6 }, (_, i) => claimDue(`claimer-${i}`, 15, now, lease)),
    );
    const all = claims.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(60);
    expect(new Set(all)).toEqual(new Set(ids));
    await db().webhookEndpoint.delete({ where: { id: endpoint.id } });
  });

  it("an endpoint deleted while a batch is being recorded: the delete goes through, the other endpoint's attempt is still recorded", async () => {
    const receiver = await peer({ secrets: [] });
    const kept = await createEndpoint(seed.production, receiver.url, { status: "paused" });
    const deleted = await createEndpoint(seed.production, receiver.url, { status: "paused" });
    receiver.secrets.push(kept.secret, deleted.secret);
    const ids = await emitCards(seed.production, 1);
    expect(ids).toHaveLength(2);
    await db().webhookEndpoint.updateMany({ data: { status: "enabled" } });
    const owner = "recorder";
    const now = new Date();
    expect(await claimDue(owner, 10, now, new Date(now.getTime() + 60_000))).toHaveLength(2);
    const completions = await Promise.all(
      (await loadClaimed(owner, ids)).map(async (m) => completionOf(m, await attemptDelivery(m), [0])),
    );
    expect(receiver.received).toHaveLength(2);
    // The delete holds its endpoint and the messages it cascades to until it commits; the batch
    // is recorded meanwhile, in one transaction with the kept endpoint's attempt.
    const held = await holdEndpointDelete(deleted.id);
    const recording = recordAttempts(completions, owner);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await held.commit();
    await recording;
    const keptMessage = completions.find((c) => c.message.endpoint.id === kept.id)!.message.id;
    const state = await messageState(keptMessage);
    expect(state).toMatchObject({ status: "succeeded", attemptCount: 1, leaseOwner: null });
    expect(state.attempts).toHaveLength(1);
    expect(await db().webhookAttempt.count({ where: { endpointId: deleted.id } })).toBe(0);
    expect(await db().webhookEndpoint.findUnique({ where: { id: kept.id } })).toMatchObject({
      lastDeliveryOk: true,
    });
    await db().webhookEndpoint.delete({ where: { id: kept.id } });
  });

  it("a heartbeat keeps a lease past its first end; a release hands the message over at once", async () => {
    const receiver = await peer({ secrets: [] });
    const endpoint = await createEndpoint(seed.production, receiver.url, { status: "paused" });
    const [id] = await emitCards(seed.production, 1);
    await db().webhookEndpoint.update({ where: { id: endpoint.id }, data: { status: "enabled" } });
    const now = Date.now();
    expect(await claimDue("slow", 5, new Date(now), new Date(now + 1_000))).toEqual([id]);
    // Another worker's view once the first lease has ended: the heartbeat moved it on.
    await extendLeases("slow", [id], new Date(now + 10_000));
    await extendLeases("not-the-holder", [id], new Date(now + 2_000));
    expect(await claimDue("other", 5, new Date(now + 5_000), new Date(now + 60_000))).toEqual([]);
    expect(await messageState(id)).toMatchObject({ leaseOwner: "slow" });
    // Only the holder can give it back; then anyone may claim it at once.
    expect(await releaseLeases("not-the-holder", [id])).toBe(0);
    expect(await releaseLeases("slow", [id])).toBe(1);
    expect(await claimDue("other", 5, new Date(now), new Date(now + 60_000))).toEqual([id]);
    await db().webhookEndpoint.delete({ where: { id: endpoint.id } });
  });

  it("shutdown waits for deliveries in flight, or releases those that do not finish in time", async () => {
    const receiver = await peer({ secrets: [], answer: () => ({ status: 200, delayMs: 1500 }) });
    const endpoint = await createEndpoint(seed.production, receiver.url);
    receiver.secrets.push(endpoint.secret);
    const running = start();
    const ids = await emitCards(seed.production, 3);
    await waitFor(
      async () => receiver.received.length,
      (n) => n === 3,
    );
    const { released } = await running.stop({ graceMs: 200 });
    worker = null;
    expect(released).toBe(3);
    const states = await Promise.all(ids.map(messageState));
    expect(states.every((s) => s.status === "pending" && s.leaseOwner === null)).toBe(true);
    // Another worker takes them at once (no lease to wait for).
    start();
    await waitFor(
      () => Promise.all(ids.map(messageState)),
      (all) => all.every((s) => s.status === "succeeded"),
    );
    const finishing = await startWebhookPeer({
      secrets: [endpoint.secret],
      answer: () => ({ status: 200, delayMs: 300 }),
    });
    peers.push(finishing);
    await db().webhookEndpoint.update({ where: { id: endpoint.id }, data: { url: finishing.url } });
    const [last] = await emitCards(seed.production, 1);
    await waitFor(
      async () => finishing.received.length,
      (n) => n === 1,
    );
    const stopping = worker as unknown as WebhookWorker;
    worker = null;
    expect(await stopping.stop({ graceMs: 5000 })).toEqual({ released: 0 });
    expect((await messageState(last)).status).toBe("succeeded");
    await db().webhookEndpoint.delete({ where: { id: endpoint.id } });
  });

  it("emits api_key.expiring once per key, 7 days before it expires, even when two instances run the job together", async () => {
    const receiver = await peer({ secrets: [] });
    const endpoint = await createEndpoint(seed.production, receiver.url, {
      eventTypes: ["api_key.expiring"],
    });
    receiver.secrets.push(endpoint.secret);
    const soon = await newKey(seed, {
      name: "expires soon",
      permissions: ["environments:read"],
      expiresAt: new Date(Date.now() + 6 * 24 * 3600_000),
    });
    await newKey(seed, {
      name: "expires later",
      permissions: ["environments:read"],
      expiresAt: new Date(Date.now() + 30 * 24 * 3600_000),
    });
    const counts = await Promise.all([emitExpiryNotices(), emitExpiryNotices(), emitExpiryNotices()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await emitExpiryNotices()).toBe(0);
    const events = await db().event.findMany({ where: { type: "api_key.expiring" } });
    expect(events).toHaveLength(1);
    start();
    await waitFor(
      async () => receiver.received.length,
      (n) => n === 1,
    );
    const payload = JSON.parse(receiver.received[0].body);
    expect(payload).toMatchObject({
      type: "api_key.expiring",
      data: { id: soon.key.id, name: "expires soon", clientId: soon.key.clientId },
    });
    expect(receiver.received[0].verified).toBe(true);
    await db().webhookEndpoint.delete({ where: { id: endpoint.id } });
  });

  it("a master key rotation re-encrypts endpoint signing secrets: deliveries keep both signatures", async () => {
    const oldSecret = "whsec_" + Buffer.alloc(24, 9).toString("base64");
    const receiver = await peer({ secrets: [] });
    const endpoint = await createEndpoint(seed.production, receiver.url, {
      previousSecret: { secret: oldSecret, expiresAt: new Date(Date.now() + 3600_000) },
    });
    receiver.secrets.push(endpoint.secret, oldSecret);
    const original = process.env.WORKBENCH_ENCRYPTION_KEY!;
    const useKeys = (key: string, previous?: string) => {
      process.env.WORKBENCH_ENCRYPTION_KEY = key;
      if (previous) process.env.WORKBENCH_ENCRYPTION_KEY_PREVIOUS = previous;
      else delete process.env.WORKBENCH_ENCRYPTION_KEY_PREVIOUS;
      resetKeyring();
    };
    try {
      useKeys(randomBytes(32).toString("base64"), original);
      const report = await rotateMasterKey();
      expect(report.webhookEndpoints).toEqual({ total: 1, reencrypted: 1 });
      const stored = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
      expect(envelopeKeyId(stored.secret)).toBe(keyring().active.kid);
      expect(envelopeKeyId(stored.previousSecret!)).toBe(keyring().active.kid);
      // The old master key is gone: the endpoint still signs with both of its secrets.
      useKeys(process.env.WORKBENCH_ENCRYPTION_KEY!);
      start();
      const [messageId] = await emitCards(seed.production, 1);
      await waitFor(
        () => messageState(messageId),
        (s) => s.status === "succeeded",
      );
      expect(receiver.received[0].signedWith.sort()).toEqual([endpoint.secret, oldSecret].sort());
    } finally {
      // Back to the suite's key, every secret with it.
      useKeys(original, process.env.WORKBENCH_ENCRYPTION_KEY);
      await rotateMasterKey();
      useKeys(original);
    }
  });

  it("prunes messages, attempts and events older than the retention, in batches", async () => {
    const receiver = await peer({ secrets: [] });
    const endpoint = await createEndpoint(seed.production, receiver.url, { status: "paused" });
    // An id carries the millisecond it was minted in, and that is what ages it: the rows
    // written before `boundary` are older than 30 days once it is 30 days after it.
    const old = await emitCards(seed.production, 7);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const boundary = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const recent = await emitCards(seed.production, 2, 100);
    const oldEvents = (
      await db().webhookMessage.findMany({ where: { id: { in: old } }, select: { eventId: true } })
    ).map((m) => m.eventId);
    await db().webhookAttempt.create({
      data: { messageId: old[0], endpointId: endpoint.id, ok: false, durationMs: 5 },
    });
    // Nothing is old yet a day short of the retention.
    expect(await pruneWebhookHistory(30, new Date(boundary + 29 * 24 * 3600_000), 3)).toEqual({
      messages: 0,
      events: 0,
    });
    // Then everything minted before the boundary goes (this suite's earlier rows too), in batches
    // of 3, at most 20 batches per run: the periodic job's later runs take the rest.
    const olderThanBoundary = {
      messages: await db().webhookMessage.count({ where: { id: { lt: streamIdAt("msg", boundary) } } }),
      events: await db().event.count({ where: { id: { lt: streamIdAt("evt", boundary) } } }),
    };
    expect(olderThanBoundary.messages).toBeGreaterThanOrEqual(7);
    const pruned = { messages: 0, events: 0 };
    for (let run = 0; run < 20; run++) {
      const once = await pruneWebhookHistory(30, new Date(boundary + 30 * 24 * 3600_000), 3);
      expect(once.messages + once.events).toBeLessThanOrEqual(2 * 20 * 3);
      pruned.messages += once.messages;
      pruned.events += once.events;
      if (once.messages + once.events === 0) break;
    }
    expect(pruned).toEqual(olderThanBoundary);
    expect(await db().webhookMessage.count({ where: { id: { in: [...old, ...recent] } } })).toBe(2);
    expect(await db().webhookAttempt.count({ where: { messageId: old[0] } })).toBe(0);
    expect(await db().event.count({ where: { id: { in: oldEvents } } })).toBe(0);
    await db().webhookEndpoint.delete({ where: { id: endpoint.id } });
  });
});
