// Outgoing webhooks, management side, against the real API and database (SQLite and PostgreSQL):
// /v1/webhook-endpoints with webhooks:read/write (the secret once, encrypted at rest, optimistic
// concurrency, a credential of the environment that admits the URL), the domain's events written
// in the change's own transaction (and not without it), resend / replay / test event / pause,
// and a credential's "Used by" with its delete refused while an endpoint uses it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/lib/audit";
import { createCredential, deleteCredential, getCredentialForEdit } from "@/lib/credentials";
import { randomBytes } from "node:crypto";
import { envelopeKeyId, resetKeyring, rotateMasterKey } from "@/lib/crypto";
import { db } from "@/lib/db";
import { revokeApiKey, rotateApiKey } from "@/lib/api-keys";
import { EVENT_TYPES } from "@/lib/webhooks/catalogue";
import { emitEvent } from "@/lib/webhooks/emit";
import { openSigningSecret } from "@/lib/webhooks/signing-secret";
import {
  createEndpoint,
  deleteEndpoint,
  listEndpoints,
  MAX_ENDPOINTS_PER_ENVIRONMENT,
  listMessages,
  replayFailed,
  resendMessage,
  rotateEndpointSecret,
  sendTestEvent,
  setEndpointStatus,
} from "@/lib/webhooks";
import { DATABASE_KINDS, stopPostgres } from "@/test-support/test-database";
import { accessToken, call, newKey, startSuite, stopSuite, type RunningApi, type Seed } from "./helpers/api";
import { holdEndpointDelete } from "./helpers/webhooks";

// Endpoints point at a closed loopback port: nothing here depends on a delivery being made.
const SINK = "http://127.0.0.1:9/hooks";

afterAll(() => stopPostgres());

describe.each(DATABASE_KINDS)("webhooks management on %s", (kind) => {
  let running: RunningApi;
  let seed: Seed;
  let writer: string;
  let reader: string;
  let cards: string;
  const path = () => `/v1/${seed.production}/webhook-endpoints`;

  beforeAll(async () => {
    ({ running, seed } = await startSuite(kind));
    resetKeyring();
    writer = await accessToken(
      running.base,
      await newKey(seed, { permissions: ["webhooks:read", "webhooks:write"], name: "hooks admin" }),
    );
    reader = await accessToken(
      running.base,
      await newKey(seed, { permissions: ["webhooks:read"], name: "ro" }),
    );
    cards = await accessToken(
      running.base,
      await newKey(seed, {
        permissions: ["cards:read", "cards:write", "customers:write", "events:write"],
        name: "cards",
      }),
    );
  });
  afterAll(() => stopSuite(running));

  async function eventsOf(type: string) {
    return db().event.findMany({
      where: { environmentId: seed.production, type },
      include: { messages: true },
      orderBy: { createdAt: "asc" },
    });
  }

  it("creates an endpoint through /v1: 201 with the whsec_ secret once, stored encrypted, never read back", async () => {
    const created = await call(running.base, path(), {
      token: writer,
      method: "POST",
      body: { name: "Orders", url: `${SINK}/orders`, eventTypes: ["card.updated", "card.created"] },
    });
    expect(created.status).toBe(201);
    const data = created.body.data as { id: string; secret: string; eventTypes: string[]; status: string };
    expect(data.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(data.secret.slice(6), "base64")).toHaveLength(24);
    // Catalogue order, whatever order was sent.
    expect(data).toMatchObject({ eventTypes: ["card.created", "card.updated"], status: "enabled" });

    const row = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: data.id } });
    expect(row.secret).not.toContain(data.secret.slice(6));
    expect(openSigningSecret(row.secret, row, "secret")).toBe(data.secret);

    for (const answer of [
      await call(running.base, `${path()}/${data.id}`, { token: reader }),
      await call(running.base, path(), { token: reader }),
    ]) {
      expect(answer.status).toBe(200);
      expect(JSON.stringify(answer.body)).not.toContain(data.secret.slice(6));
      expect(JSON.stringify(answer.body)).not.toContain('"secret"');
    }
    const audit = await listAudit(seed.actor, { targetId: data.id }, { take: 50, skip: 0 });
    expect(audit.events.map((e) => e.action)).toContain("webhook_endpoint.create");
    expect(JSON.stringify(audit.events)).not.toContain(data.secret.slice(6));
  });

  it("refuses bad input with field errors, a key without webhooks:write, and a stale version", async () => {
    const bad = await call(running.base, path(), {
      token: writer,
      method: "POST",
      body: { name: "", url: "ftp://x.example", eventTypes: [] },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors as object).sort()).toEqual(
      ["body.eventTypes", "body.name", "body.url"].sort(),
    );
    const unknownType = await call(running.base, path(), {
      token: writer,
      method: "POST",
      body: { name: "x", url: SINK, eventTypes: ["card.exploded"] },
    });
    expect(unknownType.status).toBe(400);
    const withUser = await call(running.base, path(), {
      token: writer,
      method: "POST",
      body: { name: "x", url: "https://user:pw@hooks.example/", eventTypes: ["card.created"] },
    });
    expect(withUser.status).toBe(400);

    const readOnly = await call(running.base, path(), {
      token: reader,
      method: "POST",
      body: { name: "ro", url: SINK, eventTypes: ["card.created"] },
    });
    expect(readOnly.status).toBe(403);
    expect(await db().webhookEndpoint.count({ where: { name: "ro" } })).toBe(0);

    const created = await call(running.base, path(), {
      token: writer,
      method: "POST",
      body: { name: "Versioned", url: SINK, eventTypes: ["card.created"] },
    });
    const { id } = created.body.data as { id: string };
    const first = await call(running.base, `${path()}/${id}`, {
      token: writer,
      method: "PATCH",
      body: { name: "Versioned 2", version: 1 },
    });
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ name: "Versioned 2", version: 2 });
    const stale = await call(running.base, `${path()}/${id}`, {
      token: writer,
      method: "PATCH",
      body: { name: "Versioned 3", version: 1 },
    });
    expect(stale.status).toBe(409);
    expect((await db().webhookEndpoint.findUniqueOrThrow({ where: { id } })).name).toBe("Versioned 2");

    const taken = await call(running.base, path(), {
      token: writer,
      method: "POST",
      body: { name: "Versioned 2", url: SINK, eventTypes: ["card.created"] },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.errors).toEqual({ name: expect.any(String) });
  });

  it("keeps an endpoint's credential inside its environment and its allowed destinations", async () => {
    const staging = await createCredential(seed.actor, {
      environmentId: seed.staging,
      credential: {
        type: "custom_headers",
        name: "Staging header",
        headers: [{ name: "X-Api-Key", value: "staging-header-secret", secret: true }],
        allowedDestinations: ["http://127.0.0.1:9/"],
      },
    } as never);
    const elsewhere = await call(running.base, path(), {
      token: writer,
      method: "POST",
      body: { name: "Cross env", url: SINK, eventTypes: ["card.created"], credentialId: staging.id },
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.errors).toEqual({ credentialId: expect.any(String) });

    const narrow = await createCredential(seed.actor, {
      environmentId: seed.production,
      credential: {
        type: "custom_headers",
        name: "Narrow header",
        headers: [{ name: "X-Api-Key", value: "narrow-header-secret", secret: true }],
        allowedDestinations: ["https://hooks.example.com/"],
      },
    } as never);
    const outside = await call(running.base, path(), {
      token: writer,
      method: "POST",
      body: { name: "Outside", url: SINK, eventTypes: ["card.created"], credentialId: narrow.id },
    });
    expect(outside.status).toBe(400);
    expect(outside.body.errors).toEqual({ url: expect.stringContaining("Narrow header") });
  });

  it("writes card, customer and event.received events with their messages in the change's transaction", async () => {
    const { endpoint: all } = await createEndpoint(seed.actor, {
      environmentId: seed.production,
      endpoint: { name: "Everything", url: SINK, eventTypes: [...EVENT_TYPES] },
    });
    const { endpoint: customersOnly } = await createEndpoint(seed.actor, {
      environmentId: seed.production,
      endpoint: { name: "Customers only", url: SINK, eventTypes: ["customer.created"] },
    });
    const before = await db().event.count();

    const card = await call(running.base, `/v1/${seed.production}/cards`, {
      token: cards,
      method: "POST",
      body: { title: "Ship it" },
    });
    expect(card.status).toBe(201);
    const cardId = (card.body.data as { id: string }).id;
    const createdEvents = (await eventsOf("card.created")).filter(
      (e) => (JSON.parse(e.payload) as { data: { id: string } }).data.id === cardId,
    );
    expect(createdEvents).toHaveLength(1);
    const payload = JSON.parse(createdEvents[0].payload) as Record<string, unknown>;
    expect(payload).toEqual({
      type: "card.created",
      timestamp: expect.any(String),
      data: card.body.data,
    });
    // One message for the endpoint subscribed to card.created, none for the other.
    expect(createdEvents[0].messages.map((m) => m.endpointId).sort()).toEqual(
      [all.id, ...(await subscribedOthers("card.created", [all.id, customersOnly.id]))].sort(),
    );
    expect(createdEvents[0].messages.every((m) => m.status === "pending" || m.attemptCount > 0)).toBe(true);

    const patched = await call(running.base, `/v1/${seed.production}/cards/${cardId}`, {
      token: cards,
      method: "PATCH",
      body: { title: "Shipped", status: "archived" },
    });
    expect(patched.status).toBe(200);
    const updated = (await eventsOf("card.updated")).at(-1)!;
    expect(JSON.parse(updated.payload)).toMatchObject({
      data: { id: cardId, title: "Shipped", status: "archived" },
    });

    const removed = await call(running.base, `/v1/${seed.production}/cards/${cardId}`, {
      token: cards,
      method: "DELETE",
    });
    expect(removed.status).toBe(200);
    const deleted = (await eventsOf("card.deleted")).at(-1)!;
    expect(JSON.parse(deleted.payload)).toMatchObject({ data: { id: cardId, title: "Shipped" } });

    const sent = await call(running.base, `/v1/${seed.production}/events`, {
      token: cards,
      method: "POST",
      body: { customerExternalId: "cust-42", title: "Signed up" },
    });
    expect(sent.status).toBe(201);
    const received = (await eventsOf("event.received")).at(-1)!;
    expect(JSON.parse(received.payload)).toMatchObject({ data: sent.body.data as object });
    const customerCreated = (await eventsOf("customer.created")).at(-1)!;
    expect(customerCreated.messages.map((m) => m.endpointId).sort()).toEqual(
      [all.id, customersOnly.id].sort(),
    );
    // A second event for the same customer: no second customer.created.
    const customerEventsBefore = (await eventsOf("customer.created")).length;
    await call(running.base, `/v1/${seed.production}/events`, {
      token: cards,
      method: "POST",
      body: { customerExternalId: "cust-42", title: "Upgraded" },
    });
    expect((await eventsOf("customer.created")).length).toBe(customerEventsBefore);
    expect(await db().event.count()).toBeGreaterThan(before);
  });

  async function subscribedOthers(type: string, except: string[]): Promise<string[]> {
    const endpoints = await db().webhookEndpoint.findMany({
      where: { environmentId: seed.production, status: { in: ["enabled", "paused"] }, id: { notIn: except } },
    });
    return endpoints.filter((e) => (JSON.parse(e.eventTypes) as string[]).includes(type)).map((e) => e.id);
  }

  it("writes no event when the change is refused or rolled back", async () => {
    const before = await db().event.count();
    const unknownCustomer = await call(running.base, `/v1/${seed.production}/cards`, {
      token: cards,
      method: "POST",
      body: { title: "Orphan", customerId: "no-such-customer" },
    });
    expect(unknownCustomer.status).toBe(400);
    await call(running.base, `/v1/${seed.production}/customers`, {
      token: cards,
      method: "POST",
      body: { externalId: "dup-1" },
    });
    const afterFirst = await db().event.count();
    const messagesAfterFirst = await db().webhookMessage.count();
    expect(afterFirst).toBe(before + 1);
    const duplicate = await call(running.base, `/v1/${seed.production}/customers`, {
      token: cards,
      method: "POST",
      body: { externalId: "dup-1" },
    });
    expect(duplicate.status).toBe(409);
    const missing = await call(running.base, `/v1/${seed.production}/cards/nope`, {
      token: cards,
      method: "DELETE",
    });
    expect(missing.status).toBe(404);
    expect(await db().event.count()).toBe(afterFirst);

    // The outbox row and its messages go with the transaction that wrote them.
    await expect(
      db().$transaction(async (tx) => {
        await tx.card.create({ data: { environmentId: seed.production, title: "Rolled back" } });
        await emitEvent(tx, { environmentId: seed.production, type: "card.created", data: { title: "x" } });
        throw new Error("the change failed after its event was written");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db().event.count()).toBe(afterFirst);
    expect(await db().card.count({ where: { title: "Rolled back" } })).toBe(0);
    expect(await db().webhookMessage.count()).toBe(messagesAfterFirst);
  });

  it("announces API key creation, rotation and revocation with the key's public view", async () => {
    const key = await newKey(seed, { permissions: ["cards:read"], name: "announced" });
    await rotateApiKey(seed.actor, { id: key.key.id, grace: "none" });
    await revokeApiKey(seed.actor, { id: key.key.id });
    for (const type of ["api_key.created", "api_key.rotated", "api_key.revoked"]) {
      const event = (await eventsOf(type)).find(
        (e) => (JSON.parse(e.payload) as { data: { id: string } }).data.id === key.key.id,
      );
      expect(event, type).toBeDefined();
      const payload = event!.payload;
      expect(JSON.parse(payload)).toMatchObject({
        type,
        data: { id: key.key.id, name: "announced", clientId: key.key.clientId, permissions: ["cards:read"] },
      });
      expect(payload).not.toContain(key.clientSecret);
      expect(payload).not.toContain("secretHash");
    }
    const revoked = (await eventsOf("api_key.revoked")).at(-1)!;
    expect(
      (JSON.parse(revoked.payload) as { data: { revokedAt: string | null } }).data.revokedAt,
    ).not.toBeNull();
  });

  it("pauses (messages still queue), resumes, and a disabled endpoint receives none", async () => {
    const { endpoint } = await createEndpoint(seed.actor, {
      environmentId: seed.production,
      endpoint: { name: "Pausable", url: SINK, eventTypes: ["customer.updated"] },
    });
    const paused = await setEndpointStatus(seed.actor, { id: endpoint.id, status: "paused" });
    expect(paused.status).toBe("paused");
    const customer = await call(running.base, `/v1/${seed.production}/customers`, {
      token: cards,
      method: "POST",
      body: { externalId: "pause-1" },
    });
    const customerId = (customer.body.data as { id: string }).id;
    await call(running.base, `/v1/${seed.production}/customers/${customerId}`, {
      token: cards,
      method: "PATCH",
      body: { name: "Paula" },
    });
    expect(await db().webhookMessage.count({ where: { endpointId: endpoint.id } })).toBe(1);

    await db().webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { status: "disabled", disabledReason: "Every delivery failed for 5 days." },
    });
    await call(running.base, `/v1/${seed.production}/customers/${customerId}`, {
      token: cards,
      method: "PATCH",
      body: { name: "Paul" },
    });
    expect(await db().webhookMessage.count({ where: { endpointId: endpoint.id } })).toBe(1);

    const resumed = await setEndpointStatus(seed.actor, { id: endpoint.id, status: "enabled" });
    expect(resumed).toMatchObject({ status: "enabled", disabledReason: null });
    const actions = (
      await listAudit(seed.actor, { targetId: endpoint.id }, { take: 50, skip: 0 })
    ).events.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "webhook_endpoint.pause",
        "webhook_endpoint.resume",
        "webhook_endpoint.create",
      ]),
    );
  });

  it("resends one message with its id, replays failed ones since a time, sends a test event to one endpoint", async () => {
    const { endpoint } = await createEndpoint(seed.actor, {
      environmentId: seed.production,
      endpoint: { name: "Replays", url: SINK, eventTypes: ["card.created"] },
    });
    const { endpoint: other } = await createEndpoint(seed.actor, {
      environmentId: seed.production,
      endpoint: { name: "Bystander", url: SINK, eventTypes: ["customer.deleted"] },
    });
    await setEndpointStatus(seed.actor, { id: endpoint.id, status: "paused" });
    for (const title of ["one", "two", "three"])
      await call(running.base, `/v1/${seed.production}/cards`, {
        token: cards,
        method: "POST",
        body: { title },
      });
    const messages = await db().webhookMessage.findMany({
      where: { endpointId: endpoint.id },
      orderBy: { createdAt: "asc" },
    });
    expect(messages).toHaveLength(3);
    const old = new Date(Date.now() - 60 * 60 * 1000);
    // As the engine leaves them: two failed (one of them an hour old), one succeeded with an attempt.
    await db().webhookMessage.update({
      where: { id: messages[0].id },
      data: { status: "failed", nextAttemptAt: null, attemptCount: 8, createdAt: old },
    });
    await db().webhookMessage.update({
      where: { id: messages[1].id },
      data: { status: "failed", nextAttemptAt: null, attemptCount: 8 },
    });
    await db().webhookMessage.update({
      where: { id: messages[2].id },
      data: { status: "succeeded", nextAttemptAt: null, attemptCount: 1 },
    });
    await db().webhookAttempt.create({
      data: {
        messageId: messages[2].id,
        endpointId: endpoint.id,
        ok: true,
        httpStatus: 204,
        durationMs: 12,
        request: JSON.stringify({ method: "POST", url: SINK, headers: { "webhook-id": messages[2].id } }),
        responseExcerpt: "",
      },
    });

    const failed = await listMessages(seed.actor, { id: endpoint.id, status: "failed" });
    expect(failed.data.map((m) => m.id).sort()).toEqual([messages[0].id, messages[1].id].sort());
    const all = await listMessages(seed.actor, { id: endpoint.id, limit: 2 });
    expect(all.data).toHaveLength(2);
    expect(all.nextCursor).not.toBeNull();
    const rest = await listMessages(seed.actor, { id: endpoint.id, limit: 2, cursor: all.nextCursor! });
    expect([...all.data, ...rest.data].map((m) => m.id).sort()).toEqual(messages.map((m) => m.id).sort());
    const succeeded = [...all.data, ...rest.data].find((m) => m.id === messages[2].id)!;
    expect(succeeded.attempts).toEqual([
      expect.objectContaining({
        ok: true,
        httpStatus: 204,
        request: expect.objectContaining({ method: "POST" }),
      }),
    ]);

    const resent = await resendMessage(seed.actor, { id: endpoint.id, messageId: messages[2].id });
    expect(resent).toMatchObject({ id: messages[2].id, status: "pending" });
    expect(resent.nextAttemptAt!.getTime()).toBeLessThanOrEqual(Date.now());

    // A message leased by a worker right now is not resent under it.
    await db().webhookMessage.update({
      where: { id: messages[1].id },
      data: { leaseOwner: "worker-1", leaseUntil: new Date(Date.now() + 60_000) },
    });
    await expect(resendMessage(seed.actor, { id: endpoint.id, messageId: messages[1].id })).rejects.toThrow(
      /being delivered/,
    );
    await db().webhookMessage.update({
      where: { id: messages[1].id },
      data: { leaseOwner: null, leaseUntil: null },
    });
    // A message of another endpoint is not found through this one.
    await expect(resendMessage(seed.actor, { id: other.id, messageId: messages[0].id })).rejects.toThrow(
      /not found/,
    );

    const replay = await replayFailed(seed.actor, {
      id: endpoint.id,
      since: new Date(Date.now() - 10 * 60 * 1000),
    });
    expect(replay.count).toBe(1);
    expect((await db().webhookMessage.findUniqueOrThrow({ where: { id: messages[1].id } })).status).toBe(
      "pending",
    );
    expect((await db().webhookMessage.findUniqueOrThrow({ where: { id: messages[0].id } })).status).toBe(
      "failed",
    );

    const test = await sendTestEvent(seed.actor, { id: endpoint.id });
    expect(test).toMatchObject({ eventType: "webhook.test", endpointId: endpoint.id, status: "pending" });
    expect(await db().webhookMessage.count({ where: { eventId: test.eventId } })).toBe(1);

    const actions = (
      await listAudit(seed.actor, { targetId: endpoint.id }, { take: 50, skip: 0 })
    ).events.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["webhook_endpoint.resend", "webhook_endpoint.replay", "webhook_endpoint.test"]),
    );
  });

  it("rotates the secret: a new one once, the previous one kept 24 hours", async () => {
    const { endpoint, secret } = await createEndpoint(seed.actor, {
      environmentId: seed.production,
      endpoint: { name: "Rotating", url: SINK, eventTypes: ["card.created"] },
    });
    const rotated = await call(running.base, `${path()}/${endpoint.id}/rotate-secret`, {
      token: writer,
      method: "POST",
    });
    expect(rotated.status).toBe(200);
    const next = (rotated.body.data as { secret: string }).secret;
    expect(next).toMatch(/^whsec_/);
    expect(next).not.toBe(secret);
    const row = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(openSigningSecret(row.secret, row, "secret")).toBe(next);
    expect(openSigningSecret(row.previousSecret!, row, "previousSecret")).toBe(secret);
    const hours = (row.previousSecretExpiresAt!.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    const again = await rotateEndpointSecret(seed.actor, { id: endpoint.id });
    const after = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(openSigningSecret(after.previousSecret!, after, "previousSecret")).toBe(next);
    expect(openSigningSecret(after.secret, after, "secret")).toBe(again.secret);
  });

  it("keeps at most 50 endpoints per environment, so /v1 lists them all in one answer", async () => {
    // An environment of its own, so that other tests' endpoints do not count.
    const { id: staging } = await db().environment.create({
      data: { name: "crowded", organisationId: seed.organisationId },
      select: { id: true },
    });
    for (let i = 0; i < MAX_ENDPOINTS_PER_ENVIRONMENT; i++) {
      await createEndpoint(seed.actor, {
        environmentId: staging,
        endpoint: { name: `Many ${i}`, url: SINK, eventTypes: ["card.created"] },
      });
    }
    const refused = createEndpoint(seed.actor, {
      environmentId: staging,
      endpoint: { name: "One too many", url: SINK, eventTypes: ["card.created"] },
    });
    await expect(refused).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("at most 50 webhook endpoints"),
    });
    expect(await db().webhookEndpoint.count({ where: { environmentId: staging } })).toBe(50);
    expect(await db().webhookEndpoint.count({ where: { name: "One too many" } })).toBe(0);
    expect(
      await db().auditEvent.count({ where: { action: "webhook_endpoint.create", environmentId: staging } }),
    ).toBe(50);
    const stagingWriter = await accessToken(
      running.base,
      await newKey(
        seed,
        { permissions: ["webhooks:read", "webhooks:write"], name: "staging hooks" },
        staging,
      ),
    );
    const overLimit = await call(running.base, `/v1/${staging}/webhook-endpoints`, {
      token: stagingWriter,
      method: "POST",
      body: { name: "Via the API", url: SINK, eventTypes: ["card.created"] },
    });
    expect(overLimit.status).toBe(409);
    expect(JSON.stringify(overLimit.body)).toContain("at most 50 webhook endpoints");
    const listed = await call(running.base, `/v1/${staging}/webhook-endpoints`, { token: stagingWriter });
    expect(listed.status).toBe(200);
    expect((listed.body as { data: unknown[] }).data).toHaveLength(50);
  });

  it("lists endpoints with their 24 h success rate and last delivery", async () => {
    const { endpoint } = await createEndpoint(seed.actor, {
      environmentId: seed.production,
      endpoint: { name: "Rated", url: SINK, eventTypes: ["card.created"] },
    });
    await setEndpointStatus(seed.actor, { id: endpoint.id, status: "paused" });
    await call(running.base, `/v1/${seed.production}/cards`, {
      token: cards,
      method: "POST",
      body: { title: "r" },
    });
    const message = await db().webhookMessage.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    const attempt = (ok: boolean, hoursAgo: number) =>
      db().webhookAttempt.create({
        data: {
          messageId: message.id,
          endpointId: endpoint.id,
          ok,
          httpStatus: ok ? 200 : 500,
          durationMs: 5,
          createdAt: new Date(Date.now() - hoursAgo * 3_600_000),
        },
      });
    await attempt(false, 1);
    await attempt(false, 2);
    await attempt(true, 3);
    await attempt(true, 4);
    await attempt(false, 30); // outside the 24 hours
    const page = await listEndpoints(seed.actor, { environmentId: seed.production, pageSize: 100 });
    const item = page.items.find((i) => i.id === endpoint.id)!;
    expect(item).toMatchObject({ attempts24h: 4, succeeded24h: 2, status: "paused" });
  });

  it("names an endpoint in its credential's Used by and refuses deleting that credential", async () => {
    const credential = await createCredential(seed.actor, {
      environmentId: seed.production,
      credential: {
        type: "basic",
        name: "Hook basic",
        username: "hooks",
        password: "hook-basic-secret",
        allowedDestinations: ["http://127.0.0.1:9/"],
      },
    } as never);
    const created = await call(running.base, path(), {
      token: writer,
      method: "POST",
      body: { name: "Authenticated", url: SINK, eventTypes: ["card.created"], credentialId: credential.id },
    });
    expect(created.status).toBe(201);
    const endpointId = (created.body.data as { id: string; credentialId: string }).id;
    expect(created.body.data).toMatchObject({ credentialId: credential.id });
    const edit = await getCredentialForEdit(seed.actor, credential.id);
    expect(edit.usedBy).toEqual([
      {
        kind: "webhook_endpoint",
        kindLabel: "Webhook endpoint",
        id: endpointId,
        name: "Authenticated",
        path: `/configuration/integrations/webhooks/${endpointId}`,
      },
    ]);
    await expect(deleteCredential(seed.actor, { id: credential.id })).rejects.toThrow(
      'is used by Webhook endpoint "Authenticated"',
    );
    expect(await db().credential.count({ where: { id: credential.id } })).toBe(1);

    const removed = await call(running.base, `${path()}/${endpointId}`, { token: writer, method: "DELETE" });
    expect(removed.status).toBe(200);
    await deleteCredential(seed.actor, { id: credential.id });
    expect(await db().credential.count({ where: { id: credential.id } })).toBe(0);
  });

  it("deletes an endpoint only with its typed name in the console, and its history with it", async () => {
    const { endpoint } = await createEndpoint(seed.actor, {
      environmentId: seed.production,
      endpoint: { name: "Doomed", url: SINK, eventTypes: ["card.created"] },
    });
    await sendTestEvent(seed.actor, { id: endpoint.id });
    await expect(deleteEndpoint(seed.actor, { id: endpoint.id, confirmName: "doomed" })).rejects.toThrow(
      /Type "Doomed"/,
    );
    await deleteEndpoint(seed.actor, { id: endpoint.id, confirmName: "Doomed" });
    expect(await db().webhookEndpoint.count({ where: { id: endpoint.id } })).toBe(0);
    expect(await db().webhookMessage.count({ where: { endpointId: endpoint.id } })).toBe(0);
    const actions = (
      await listAudit(seed.actor, { targetId: endpoint.id }, { take: 50, skip: 0 })
    ).events.map((e) => e.action);
    expect(actions).toContain("webhook_endpoint.delete");
  });

  it("a card written while an endpoint is being deleted: 201, and no message left for the endpoint", async () => {
    const { endpoint } = await createEndpoint(seed.actor, {
      environmentId: seed.production,
      endpoint: { name: "Going", url: SINK, eventTypes: ["card.created"] },
    });
    const post = () =>
      call(running.base, `/v1/${seed.production}/cards`, {
        token: cards,
        method: "POST",
        body: { title: "During a delete" },
      });
    // The API now knows the endpoint as receiving (its endpoints are kept in memory).
    expect((await post()).status).toBe(201);
    // The delete holds the endpoint until it commits; the card's write starts meanwhile.
    const held = await holdEndpointDelete(endpoint.id);
    const posting = post();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await held.commit();
    const card = await posting;
    expect(card.status).toBe(201);
    expect(await db().webhookMessage.count({ where: { endpointId: endpoint.id } })).toBe(0);
  });

  it("a key revoked in the console while an endpoint is being deleted: revoked, and no message left for the endpoint", async () => {
    const { endpoint } = await createEndpoint(seed.actor, {
      environmentId: seed.production,
      endpoint: { name: "Leaving", url: SINK, eventTypes: ["api_key.revoked"] },
    });
    const key = await newKey(seed, { permissions: ["cards:read"], name: "revoked during a delete" });
    const held = await holdEndpointDelete(endpoint.id);
    const revoking = revokeApiKey(seed.actor, { id: key.key.id });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await held.commit();
    expect((await revoking).revokedAt).not.toBeNull();
    expect(await db().webhookMessage.count({ where: { endpointId: endpoint.id } })).toBe(0);
    expect(await eventsOf("api_key.revoked")).toContainEqual(
      expect.objectContaining({ payload: expect.stringContaining(key.key.id) }),
    );
  });

  it("keeps another environment's endpoints out of reach of a key", async () => {
    const { endpoint } = await createEndpoint(seed.actor, {
      environmentId: seed.staging,
      endpoint: { name: "Staging only", url: SINK, eventTypes: ["card.created"] },
    });
    for (const answer of [
      await call(running.base, `${path()}/${endpoint.id}`, { token: writer }),
      await call(running.base, `${path()}/${endpoint.id}`, { token: writer, method: "DELETE" }),
      await call(running.base, `/v1/${seed.staging}/webhook-endpoints/${endpoint.id}`, { token: writer }),
    ])
      expect([403, 404]).toContain(answer.status);
    expect(await db().webhookEndpoint.count({ where: { id: endpoint.id } })).toBe(1);
  });

  it("moves signing secrets to a new master key with `keys rotate-master`", async () => {
    const { endpoint, secret } = await createEndpoint(seed.actor, {
      environmentId: seed.production,
      endpoint: { name: "Master rotation", url: SINK, eventTypes: ["card.created"] },
    });
    const { secret: next } = await rotateEndpointSecret(seed.actor, { id: endpoint.id });
    const old = process.env.WORKBENCH_ENCRYPTION_KEY!;
    process.env.WORKBENCH_ENCRYPTION_KEY = randomBytes(32).toString("base64");
    process.env.WORKBENCH_ENCRYPTION_KEY_PREVIOUS = old;
    try {
      resetKeyring();
      const report = await rotateMasterKey();
      expect(report.webhookEndpoints.reencrypted).toBe(report.webhookEndpoints.total);
      expect(report.webhookEndpoints.total).toBeGreaterThanOrEqual(2);
      delete process.env.WORKBENCH_ENCRYPTION_KEY_PREVIOUS;
      resetKeyring();
      const row = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
      expect(envelopeKeyId(row.secret)).toBe(report.activeKeyId);
      expect(openSigningSecret(row.secret, row, "secret")).toBe(next);
      expect(openSigningSecret(row.previousSecret!, row, "previousSecret")).toBe(secret);
    } finally {
      // Back to the suite's key for the next database kind (its rows are under the old key).
      process.env.WORKBENCH_ENCRYPTION_KEY = old;
      delete process.env.WORKBENCH_ENCRYPTION_KEY_PREVIOUS;
      resetKeyring();
    }
  });

  it("documents every catalogue event in the OpenAPI document's webhooks section", async () => {
    const document = await call(running.base, "/v1/openapi.json");
    const webhooks = document.body.webhooks as Record<string, { post: { requestBody: unknown } }>;
    expect(Object.keys(webhooks).sort()).toEqual([...EVENT_TYPES, "webhook.test"].sort());
    expect(JSON.stringify(webhooks["card.created"].post.requestBody)).toContain('"title"');
    const paths = document.body.paths as Record<string, Record<string, { security: unknown }>>;
    expect(paths["/v1/{environmentId}/webhook-endpoints"].post.security).toEqual([
      { oAuth2: ["webhooks:write"] },
    ]);
  });
});
