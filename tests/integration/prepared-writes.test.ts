import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { afterCommit, preparedDialect, preparedTransaction } from "@/lib/db/prepared";
import { cards, createCard, listCards } from "@/lib/api-resources/cards";
import { createCustomer, customers } from "@/lib/api-resources/customers";
import { orm as eventsOrm, sendEvent } from "@/lib/api-resources/events";
import type { Actor } from "@/lib/auth/actor";
import { createEndpoint as createEndpointThroughService } from "@/lib/webhooks/service";
import type { EventType } from "@/lib/webhooks/catalogue";
import {
  DATABASE_KINDS,
  resetProcessState,
  stopPostgres,
  useFreshDatabase,
} from "@/test-support/test-database";
import { keyActor, seedOrganisation, type Seed } from "./helpers/api";
import { createEndpoint } from "./helpers/webhooks";

process.env.WORKBENCH_OUTBOUND_ALLOW = "127.0.0.0/8";

// The API's writes (POST cards, customers, events) run as one transaction of prepared
// statements (lib/db/prepared.ts `preparedTransaction`): the row, its audit entry, its events
// and one webhook message per receiving endpoint. The same writes through Prisma are the
// reference: both must leave the same rows, on both databases, and a failure anywhere must
// leave none of them.

type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** Everything a write leaves, without ids and times (which differ per write by design). */
async function snapshot(environmentId: number, after: Date) {
  const since = { gte: after };
  const [cardRows, customerRows, audit, events, messages] = await Promise.all([
    db().card.findMany({ where: { environmentId, createdAt: since }, orderBy: { title: "asc" } }),
    db().customer.findMany({ where: { environmentId, createdAt: since }, orderBy: { externalId: "asc" } }),
    db().auditEvent.findMany({ where: { environmentId, createdAt: since }, orderBy: { action: "asc" } }),
    db().event.findMany({ where: { environmentId, createdAt: since }, orderBy: { type: "asc" } }),
    db().webhookMessage.findMany({
      where: { event: { environmentId }, createdAt: since },
      include: { event: { select: { createdAt: true } } },
      orderBy: [{ eventType: "asc" }, { endpointId: "asc" }],
    }),
  ]);
  const ids = new Map<string, string>();
  const name = (id: string | null, kind: string) => {
    if (id === null) return null;
    if (!ids.has(id)) ids.set(id, `${kind}#${[...ids.values()].filter((v) => v.startsWith(kind)).length}`);
    return ids.get(id)!;
  };
  // Ids and times are replaced by stable names, but every reference must still point at the
  // right row, and every row of one write must carry the write's one time.
  for (const c of customerRows) name(c.id, "customer");
  for (const c of cardRows) name(c.id, "card");
  const times = new Set(
    [...cardRows, ...customerRows, ...audit, ...events].map((r) => r.createdAt.getTime()),
  );
  const redact = (json: string) =>
    JSON.parse(json, (key, value: unknown) =>
      typeof value === "string" && ids.has(value)
        ? ids.get(value)
        : key === "created" || key === "timestamp"
          ? "<time>"
          : value,
    ) as unknown;
  return {
    times: times.size,
    cards: cardRows.map((c) => ({
      ...c,
      id: name(c.id, "card"),
      customerId: name(c.customerId, "customer"),
      createdAt: "<time>",
    })),
    customers: customerRows.map((c) => ({ ...c, id: name(c.id, "customer"), createdAt: "<time>" })),
    audit: audit.map((a) => ({
      ...a,
      id: a.id.length,
      targetId: name(a.targetId, "card"),
      details: redact(a.details),
      createdAt: "<time>",
    })),
    events: events.map((e) => ({
      ...e,
      id: e.id.slice(0, 4),
      payload: redact(e.payload),
      createdAt: "<time>",
    })),
    messages: messages.map((m) => ({
      ...m,
      id: m.id.slice(0, 4),
      eventId: m.eventId.slice(0, 4),
      // A message is due at once: when its event happened.
      dueWithEvent: m.nextAttemptAt?.getTime() === m.event.createdAt.getTime(),
      nextAttemptAt: undefined,
      createdAt: undefined,
      event: undefined,
    })),
  };
}

async function written(environmentId: number, write: () => Promise<unknown>): Promise<Snapshot> {
  // Rows written just before (a test's own setup, the previous write) must not fall in this
  // write's window, which starts a millisecond before it.
  await new Promise((resolve) => setTimeout(resolve, 5));
  const after = new Date(Date.now() - 1);
  await write();
  const snap = await snapshot(environmentId, after);
  // The next write's rows must not fall in this one's window.
  await new Promise((resolve) => setTimeout(resolve, 5));
  return snap;
}

describe.each(DATABASE_KINDS)("prepared writes match Prisma's on %s", (kind) => {
  let seed: Seed;
  let actor: Actor;
  const endpoints: Record<string, string> = {};

  beforeAll(async () => {
    await useFreshDatabase(kind);
    seed = await seedOrganisation();
    actor = keyActor(seed);
    const url = "http://127.0.0.1:9/hook";
    const all: EventType[] = ["card.created", "customer.created", "event.received"];
    endpoints.all = (await createEndpoint(seed.production, url, { name: "all", eventTypes: all })).id;
    endpoints.paused = (
      await createEndpoint(seed.production, url, {
        name: "paused",
        eventTypes: ["card.created"],
        status: "paused",
      })
    ).id;
    endpoints.disabled = (
      await createEndpoint(seed.production, url, { name: "disabled", eventTypes: all, status: "disabled" })
    ).id;
    endpoints.other = (
      await createEndpoint(seed.production, url, { name: "other", eventTypes: ["customer.updated"] })
    ).id;
    await createEndpoint(seed.staging, url, { name: "staging", eventTypes: all });
  });

  afterAll(async () => {
    await resetProcessState();
    if (kind === "postgres") stopPostgres();
  });

  it("runs on the prepared path for this database", () => {
    expect(preparedDialect()).toBe(kind);
  });

  it("a card: the same row, audit entry, event and messages as through Prisma", async () => {
    const customer = await createCustomer(actor, seed.production, { externalId: "card-owner" });
    const input = { title: "Hello", body: 'ünïcödé "quoted"', customerId: customer.id };
    const viaOrm = await written(seed.production, () =>
      cards.orm.create(actor, seed.production, input, (row) => row.title),
    );
    const viaPrepared = await written(seed.production, () => createCard(actor, seed.production, input));
    expect(viaPrepared).toEqual(viaOrm);
    // What the test holds the two to: one card, its audit entry, one event, and messages for
    // the receiving endpoints subscribed to card.created (enabled and paused), at one time.
    expect(viaPrepared.times).toBe(1);
    expect(viaPrepared.cards).toHaveLength(1);
    expect(viaPrepared.audit).toMatchObject([
      {
        action: "card.create",
        actorType: "api_key",
        actorLabel: "writer key",
        ip: "127.0.0.1",
        targetLabel: "Hello",
      },
    ]);
    expect(viaPrepared.events).toMatchObject([{ type: "card.created", id: "evt_" }]);
    expect(
      viaPrepared.messages.map((m) => [m.endpointId, m.eventType, m.status, m.dueWithEvent]).sort(),
    ).toEqual(
      [
        [endpoints.all, "card.created", "pending", true],
        [endpoints.paused, "card.created", "pending", true],
      ].sort(),
    );
  });

  it("a card without a body or customer, and a customer: same rows as through Prisma", async () => {
    const viaOrm = await written(seed.production, () =>
      cards.orm.create(
        actor,
        seed.production,
        { title: "Bare", body: null, customerId: null },
        (r) => r.title,
      ),
    );
    const viaPrepared = await written(seed.production, () =>
      createCard(actor, seed.production, { title: "Bare" }),
    );
    expect(viaPrepared).toEqual(viaOrm);
    const customerOrm = await written(seed.production, () =>
      customers.orm.create(actor, seed.production, { externalId: "x", name: "X", email: null }, () => "x"),
    );
    await db().customer.deleteMany({ where: { externalId: "x" } });
    const customerPrepared = await written(seed.production, () =>
      createCustomer(actor, seed.production, { externalId: "x", name: "X" }),
    );
    expect(customerPrepared).toEqual(customerOrm);
    expect(customerPrepared.customers).toMatchObject([{ externalId: "x", name: "X", email: null }]);
    // A duplicate externalId is the API's 409, as through Prisma.
    await expect(createCustomer(actor, seed.production, { externalId: "x" })).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("an event for a new and for a known customer: the same rows as through Prisma", async () => {
    for (const externalId of ["first-sight", "first-sight"]) {
      const input = { customerExternalId: `${externalId}-orm`, title: "Signed up" };
      const viaOrm = await written(seed.production, () => eventsOrm.sendEvent(actor, seed.production, input));
      const viaPrepared = await written(seed.production, () =>
        sendEvent(actor, seed.production, { ...input, customerExternalId: `${externalId}-prepared` }),
      );
      const rename = (s: Snapshot) =>
        JSON.parse(JSON.stringify(s).replaceAll(`${externalId}-orm`, `${externalId}-prepared`)) as Snapshot;
      expect(viaPrepared).toEqual(rename(viaOrm));
      expect(viaPrepared.times).toBe(1);
    }
    const known = await written(seed.production, () =>
      sendEvent(actor, seed.production, { customerExternalId: "first-sight-prepared", title: "Again" }),
    );
    expect(known.customers).toHaveLength(0);
    expect(known.events.map((e) => e.type)).toEqual(["card.created", "event.received"]);
    const fresh = await written(seed.production, () =>
      sendEvent(actor, seed.production, { customerExternalId: "brand-new", title: "Hi" }),
    );
    expect(fresh.events.map((e) => e.type)).toEqual(["card.created", "customer.created", "event.received"]);
    // The endpoint subscribed to all three gets each; the paused one only card.created.
    expect(
      fresh.messages.map((m) => `${m.eventType}→${m.endpointId === endpoints.all ? "all" : "paused"}`).sort(),
    ).toEqual(["card.created→all", "card.created→paused", "customer.created→all", "event.received→all"]);
    expect(fresh.events.find((e) => e.type === "event.received")?.payload).toMatchObject({
      type: "event.received",
      data: {
        card: { id: "card#0", customerId: "customer#0", title: "Hi" },
        customer: { externalId: "brand-new" },
      },
    });
  });

  it("reads back through Prisma and the list exactly as written: dates, order, values", async () => {
    const written = await createCard(actor, seed.production, { title: "Newest", body: "b" });
    const row = await db().card.findUniqueOrThrow({ where: { id: written.id } });
    expect(row.createdAt.toISOString()).toBe(written.created);
    expect(row.id).toMatch(/^c[0-9a-z]{24}$/);
    const page = await listCards(actor, seed.production, { limit: 1 });
    expect(page.data).toEqual([written]);
  });

  async function withFailingMessages(work: () => Promise<void>) {
    if (kind === "sqlite") {
      await db().$executeRawUnsafe(
        `CREATE TRIGGER "fail_messages" BEFORE INSERT ON "webhook_message" BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`,
      );
    } else {
      await db().$executeRawUnsafe(
        `CREATE FUNCTION fail_messages() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql`,
      );
      await db().$executeRawUnsafe(
        `CREATE TRIGGER "fail_messages" BEFORE INSERT ON "webhook_message" FOR EACH ROW EXECUTE FUNCTION fail_messages()`,
      );
    }
    try {
      await work();
    } finally {
      await db().$executeRawUnsafe(
        `DROP TRIGGER "fail_messages"${kind === "postgres" ? ` ON "webhook_message"` : ""}`,
      );
      if (kind === "postgres") await db().$executeRawUnsafe(`DROP FUNCTION fail_messages()`);
    }
  }

  it("rolls everything back when the last statement fails: no card, customer, audit entry or event", async () => {
    const counts = () =>
      Promise.all([
        db().card.count(),
        db().customer.count(),
        db().auditEvent.count(),
        db().event.count(),
        db().webhookMessage.count(),
      ]);
    const before = await counts();
    await withFailingMessages(async () => {
      await expect(createCard(actor, seed.production, { title: "Doomed" })).rejects.toThrow(
        /refused by the test/,
      );
      await expect(
        sendEvent(actor, seed.production, { customerExternalId: "doomed", title: "Doomed" }),
      ).rejects.toThrow(/refused by the test/);
    });
    expect(await counts()).toEqual(before);
    // And the connection is usable afterwards, outside any transaction.
    await createCard(actor, seed.production, { title: "After" });
    expect((await counts())[0]).toBe(before[0] + 1);
  });

  it("concurrent writes: one that fails is rolled back alone, the others commit and only then report", async () => {
    // On SQLite the writes of one turn of the event loop share a transaction (group commit),
    // each in its own savepoint; on PostgreSQL each has its own. Either way, per write, all or nothing.
    if (kind === "sqlite")
      await db().$executeRawUnsafe(
        `CREATE TRIGGER "fail_card" BEFORE INSERT ON "card" WHEN NEW."title" = 'Doomed 5' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`,
      );
    else {
      await db().$executeRawUnsafe(
        `CREATE FUNCTION fail_card() RETURNS trigger AS $$ BEGIN IF NEW."title" = 'Doomed 5' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
      );
      await db().$executeRawUnsafe(
        `CREATE TRIGGER "fail_card" BEFORE INSERT ON "card" FOR EACH ROW EXECUTE FUNCTION fail_card()`,
      );
    }
    try {
      const committed: number[] = [];
      const writes = Array.from({ length: 12 }, (_, i) =>
        i === 9
          ? // Fails in JavaScript after its statements ran: they must be undone too.
            preparedTransaction(function* () {
              yield* cards.prepared.insertRow(
                seed.production,
                { title: "Doomed 9", body: null, customerId: null },
                new Date(),
              );
              yield* afterCommit(() => committed.push(i));
              throw new Error("thrown by the test");
            })
          : i % 2 === 0
            ? createCard(actor, seed.production, { title: `Doomed ${i}` }).then((card) => {
                committed.push(i);
                return card;
              })
            : sendEvent(actor, seed.production, {
                customerExternalId: `group-${i}`,
                title: `Doomed ${i}`,
              }).then((sent) => {
                committed.push(i);
                return sent;
              }),
      );
      const settled = await Promise.allSettled(writes);
      expect(settled.map((r) => r.status)).toEqual(
        settled.map((_, i) => (i === 5 || i === 9 ? "rejected" : "fulfilled")),
      );
      expect(settled[5]).toMatchObject({ reason: { message: expect.stringMatching(/refused by the test/) } });
      expect(settled[9]).toMatchObject({ reason: { message: "thrown by the test" } });
      expect(committed.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 6, 7, 8, 10, 11]);
      const stored = await db().card.findMany({
        where: { title: { startsWith: "Doomed " } },
        select: { id: true, title: true },
      });
      expect(stored.map((c) => c.title).sort()).toEqual(
        [0, 1, 2, 3, 4, 6, 7, 8, 10, 11].map((i) => `Doomed ${i}`).sort(),
      );
      // Each kept card has its audit entry; the failed ones left no customer behind.
      expect(await db().auditEvent.count({ where: { targetId: { in: stored.map((c) => c.id) } } })).toBe(10);
      expect(await db().customer.count({ where: { externalId: "group-5" } })).toBe(0);
      expect(await db().customer.count({ where: { externalId: "group-7" } })).toBe(1);
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER "fail_card"${kind === "postgres" ? ` ON "card"` : ""}`);
      if (kind === "postgres") await db().$executeRawUnsafe(`DROP FUNCTION fail_card()`);
    }
  });

  it("waits for an open Prisma transaction and does not share its fate", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const prismaTx = db()
      .$transaction(
        async (tx) => {
          await tx.card.create({
            data: { environmentId: seed.production, title: "In the rolled back transaction" },
          });
          opened();
          await gate;
          throw new Error("rolled back on purpose");
        },
        { timeout: 20_000 },
      )
      .catch((error: unknown) => error);
    await open;
    const write = createCard(actor, seed.production, { title: "Beside it" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    expect(await prismaTx).toMatchObject({ message: "rolled back on purpose" });
    const card = await write;
    expect(await db().card.findUnique({ where: { id: card.id } })).toMatchObject({ title: "Beside it" });
    expect(await db().card.count({ where: { title: "In the rolled back transaction" } })).toBe(0);
    expect(await db().auditEvent.count({ where: { targetId: card.id } })).toBe(1);
  });

  it("endpoint changes: seen by the next write on this instance; stale memory never writes a message it should not", async () => {
    const messagesOf = async (cardId: string) => {
      const event = await db().event.findFirstOrThrow({
        where: { type: "card.created", payload: { contains: cardId } },
      });
      return (
        await db().webhookMessage.findMany({ where: { eventId: event.id }, select: { endpointId: true } })
      )
        .map((m) => m.endpointId)
        .sort();
    };
    const stagingKey = { ...actor, environmentId: seed.staging } as Actor;
    // Written first, so the environment's endpoints are in memory.
    const first = await createCard(stagingKey, seed.staging, { title: "Before" });
    expect(await messagesOf(first.id)).toHaveLength(1);
    // Created through the service (as the console and /v1 do): the very next write sees it.
    const system = seed.actor;
    const created = await createEndpointThroughService(system, {
      environmentId: seed.staging,
      endpoint: { name: "new one", url: "http://127.0.0.1:9/new", eventTypes: ["card.created"] },
    });
    const second = await createCard(stagingKey, seed.staging, { title: "After create" });
    expect(await messagesOf(second.id)).toContain(created.endpoint.id);
    // Deleted, unsubscribed and disabled behind this instance's back (another instance): the
    // memory still names them, but no message is written for them and the write succeeds.
    await db().webhookEndpoint.delete({ where: { id: created.endpoint.id } });
    const staging = await db().webhookEndpoint.findFirstOrThrow({
      where: { environmentId: seed.staging, name: "staging" },
    });
    await db().webhookEndpoint.update({
      where: { id: staging.id },
      data: { eventTypes: JSON.stringify(["customer.created"]) },
    });
    const third = await createCard(stagingKey, seed.staging, { title: "After delete" });
    expect(await messagesOf(third.id)).toEqual([]);
    await db().webhookEndpoint.update({
      where: { id: staging.id },
      data: { eventTypes: JSON.stringify(["card.created"]), status: "disabled" },
    });
    const fourth = await createCard(stagingKey, seed.staging, { title: "After disable" });
    expect(await messagesOf(fourth.id)).toEqual([]);
  });
});
