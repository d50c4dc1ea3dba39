import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { preparedDialect } from "@/lib/db/prepared";
import type { Actor } from "@/lib/auth/actor";
import { listAudit, type AuditFilters } from "@/lib/audit";
import { orm, prepared } from "@/lib/audit/list";
import {
  DATABASE_KINDS,
  resetProcessState,
  stopPostgres,
  useFreshDatabase,
} from "@/test-support/test-database";
import { seedOrganisation } from "./helpers/organisation";
import { queryPlan } from "./helpers/query-plan";

// The audit log page (and a key's audit trail) reads its page and its bounded count through
// prepared statements of the driver; Prisma's reads of the same columns are the reference. Both
// must answer the same events, values and order on both databases, for every filter: the actor
// in any case, a full action or a family of them, an environment (or none), a target, a time
// range with events on its edges, and every combination the page sends; events of the same
// second across page boundaries; another organisation's events left out.

const ACTIONS = [
  "member.invite",
  "member.remove",
  "auth.sign_in",
  "auth.sign_in_failed",
  "api_key.create",
  // "_" is a wildcard to Prisma's startsWith: the family "api_key." matches this one there.
  "apiXkey.create",
  // A family in other case: SQLite's LIKE ignores it, PostgreSQL's does not (both reads alike).
  "Member.legacy",
  // Not of the family "member.": a family is a prefix.
  "team.member.add",
];
const ACTORS = ["Owner@Acme.test", "owner@acme.test", "ci_bot", "50% bot", "system"];
const COUNT = 60;

describe.each(DATABASE_KINDS)("the audit log's prepared reads match Prisma's on %s", (kind) => {
  let organisationId: string;
  let environmentId: number;
  let otherEnvironmentId: number;
  let owner: Actor;
  const now = new Date(Date.UTC(2026, 5, 1, 12, 0, 0, 0));
  /** Events two by two in the same second, newest first. */
  const at = (i: number) => new Date(now.getTime() - Math.floor(i / 2) * 1000);

  beforeAll(async () => {
    await useFreshDatabase(kind);
    ({ organisationId, environmentId, otherEnvironmentId, owner } = await seedOrganisation());
    const other = await seedOrganisation();
    await db().auditEvent.createMany({
      data: Array.from({ length: COUNT }, (_, i) => ({
        organisationId,
        environmentId: [null, environmentId, otherEnvironmentId][i % 3],
        actorType: i % 5 === 4 ? "system" : "member",
        actorId: i % 5 === 4 ? null : `m${i % 5}`,
        actorLabel: ACTORS[i % 5],
        action: ACTIONS[i % ACTIONS.length],
        targetType: i % 4 === 0 ? null : "api_key",
        targetId: i % 4 === 0 ? null : `key_${i % 3}`,
        targetLabel: i % 4 === 0 ? null : `Key ${i % 3}`,
        ip: i % 6 === 0 ? null : "10.0.0.1",
        userAgent: i % 6 === 0 ? null : "Mozilla/5.0",
        details: JSON.stringify(i % 2 ? { fields: ["name"], nested: { n: i } } : {}),
        createdAt: at(i),
      })),
    });
    // Another organisation's events match every filter and are never listed.
    await db().auditEvent.createMany({
      data: ACTIONS.map((action, i) => ({
        organisationId: other.organisationId,
        environmentId: other.environmentId,
        actorType: "member",
        actorLabel: ACTORS[i % 5],
        action,
        targetType: "api_key",
        targetId: "key_1",
        createdAt: at(i),
      })),
    });
  });

  afterAll(async () => {
    await resetProcessState();
    if (kind === "postgres") stopPostgres();
  });

  it("runs on the prepared path for this database", () => {
    expect(preparedDialect()).toBe(kind);
  });

  // The filters of the page (and the key trail's target), alone and together.
  const cases = (): AuditFilters[] => [
    {},
    { actor: "OWNER@acme" },
    { actor: "Bot" },
    { action: "auth.sign_in" },
    { action: "member." },
    { action: "auth." },
    { action: "no.such_action" },
    { environmentId },
    { environmentId: -1 },
    // Both edges hold events (inclusive).
    { from: at(29), to: at(10) },
    { from: at(41) },
    { to: at(6) },
    { targetType: "api_key", targetId: "key_1" },
    { actor: "owner", action: "member.", environmentId: otherEnvironmentId, from: at(50), to: at(2) },
    { action: "api_key.create", environmentId, targetType: "api_key", targetId: "key_2" },
  ];

  it("answers every page and count of every filter with Prisma's events and numbers", async () => {
    for (const filters of cases()) {
      for (const take of [1, 7, 50]) {
        const all: string[] = [];
        for (let skip = 0; skip <= COUNT; skip += take) {
          const page = { take, skip };
          const rows = await prepared.rows(organisationId, filters, page);
          expect(rows).toEqual(await orm.rows(organisationId, filters, page));
          all.push(...rows.map((r) => r.id));
          if (rows.length < take) break;
        }
        const total = await orm.count(organisationId, filters, COUNT + 1);
        expect(all).toHaveLength(total);
        expect(new Set(all).size).toBe(total);
      }
      // Counted up to a limit below, at and above the matches.
      for (const limit of [1, 5, COUNT + 1])
        expect(await prepared.count(organisationId, filters, limit)).toBe(
          await orm.count(organisationId, filters, limit),
        );
    }
    const count = (filters: AuditFilters) => prepared.count(organisationId, filters, COUNT + 1);
    expect(await count({})).toBe(COUNT);
    // Any case; a full action only itself, not "auth.sign_in_failed".
    expect(await count({ actor: "OWNER@acme" })).toBe(24);
    expect(await count({ action: "auth.sign_in" })).toBe(8);
    expect(await count({ action: "auth." })).toBe(16);
    // "Member.legacy" is of the family "member." on SQLite only, as with Prisma.
    expect(await count({ action: "member." })).toBe(kind === "sqlite" ? 23 : 16);
    expect(await count({ environmentId: -1 })).toBe(0);
    expect(await count({ from: at(29), to: at(10) })).toBe(20);
    expect(await count({ from: at(41) })).toBe(42);
    expect(await count({ to: at(6) })).toBe(54);
  });

  it("keeps dates, nulls and details as Prisma answers them", async () => {
    const rows = await prepared.rows(organisationId, {}, { take: COUNT, skip: 0 });
    expect(rows.some((r) => r.environmentId === null && r.targetId === null && r.ip === null)).toBe(true);
    expect(rows.some((r) => typeof r.environmentId === "number")).toBe(true);
    for (const row of rows) {
      expect(row.createdAt).toBeInstanceOf(Date);
      expect(typeof row.details).toBe("string");
    }
    expect(rows.map((r) => r.createdAt.getTime())).toEqual(
      Array.from({ length: COUNT }, (_, i) => at(i).getTime()),
    );
  });

  it("takes % and _ in the actor and the action family literally, where Prisma reads them as wildcards", async () => {
    const ids = async (filters: AuditFilters) =>
      (await prepared.rows(organisationId, filters, { take: COUNT, skip: 0 })).map((r) => r.id);
    const count = (filters: AuditFilters) => prepared.count(organisationId, filters, COUNT + 1);
    expect(await count({ actor: "%" })).toBe(COUNT / 5);
    expect(await count({ actor: "i_b" })).toBe(COUNT / 5);
    expect(await count({ actor: "_" })).toBe(COUNT / 5);
    expect(await count({ action: "api_key." })).toBe(7);
    const family = await prepared.rows(organisationId, { action: "api_key." }, { take: COUNT, skip: 0 });
    expect(family.every((r) => r.action === "api_key.create")).toBe(true);
    // Prisma's `contains` and `startsWith` put the text into LIKE as it is.
    expect(await orm.count(organisationId, { actor: "%" }, COUNT + 1)).toBe(COUNT);
    expect(await orm.count(organisationId, { actor: "_" }, COUNT + 1)).toBe(COUNT);
    expect(await orm.count(organisationId, { action: "api_key." }, COUNT + 1)).toBe(14);
    expect(await ids({ actor: "50% " })).toEqual(await ids({ actor: "50% BOT" }));
  });

  /** What the page or the key trail sends, each with the index its page reads and SQLite's plan of it. */
  const planCases = (environmentId: number): [AuditFilters, string, string][] => [
    [
      {},
      "audit_event_organisationId_createdAt_idx",
      "SEARCH audit_event USING INDEX audit_event_organisationId_createdAt_idx (organisationId=?)",
    ],
    [
      { action: "auth.sign_in" },
      "audit_event_organisationId_action_createdAt_idx",
      "SEARCH audit_event USING INDEX audit_event_organisationId_action_createdAt_idx (organisationId=? AND action=?)",
    ],
    [
      { from: at(29), to: at(10) },
      "audit_event_organisationId_createdAt_idx",
      "SEARCH audit_event USING INDEX audit_event_organisationId_createdAt_idx (organisationId=? AND createdAt>? AND createdAt<?)",
    ],
    [
      { actor: "owner", action: "member.", environmentId },
      "audit_event_organisationId_createdAt_idx",
      "SEARCH audit_event USING INDEX audit_event_organisationId_createdAt_idx (organisationId=?)",
    ],
    [
      { targetType: "api_key", targetId: "key_1" },
      "audit_event_targetType_targetId_createdAt_idx",
      "SEARCH audit_event USING INDEX audit_event_targetType_targetId_createdAt_idx (targetType=? AND targetId=?)",
    ],
  ];

  /** The page reads the index in the page's order: no sort of the organisation's events. */
  const expectIndexOrder = (plan: string[], index: string, sqlite: string) => {
    if (kind === "sqlite") expect(plan).toEqual([sqlite]);
    else {
      expect(plan.join("\n")).toContain(`Index Scan Backward using "${index}"`);
      expect(plan.join("\n")).not.toMatch(/^\s*(->\s+)?(Incremental )?Sort\s+\(cost/m);
    }
  };

  // The count stops at its limit in whichever index suits the filters.
  it("reads each filter's page in index order, and counts from an index", async () => {
    for (const [filters, index, sqlite] of planCases(environmentId)) {
      const { query, args } = prepared.pageQuery(organisationId, filters, { take: 50, skip: 100 });
      expectIndexOrder(await queryPlan(kind, query, args), index, sqlite);
      const count = prepared.countQuery(organisationId, filters, 10_001);
      expect((await queryPlan(kind, count.query, count.args)).join("\n")).toMatch(
        kind === "sqlite" ? /SEARCH audit_event USING/ : /Index (Only )?Scan/,
      );
    }
  });

  // As PostgreSQL plans them at 10,000 events: a named statement's plan made for any page size,
  // offset and value after its first runs; with a text pattern (the actor, an action family),
  // the plan of each call, made with the pattern.
  it("keeps each filter's page in index order as the server plans it, at 10,000 events", async () => {
    const large = await seedOrganisation();
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      organisationId: large.organisationId,
      environmentId: i % 3 ? large.environmentId : null,
      actorType: "member",
      actorLabel: ACTORS[i % 5],
      action: ACTIONS[i % ACTIONS.length],
      targetType: "api_key",
      targetId: `key_${i % 500}`,
      createdAt: new Date(now.getTime() - i * 1000),
    }));
    for (let i = 0; i < rows.length; i += 2_000)
      await db().auditEvent.createMany({ data: rows.slice(i, i + 2_000) });
    if (kind === "postgres") await db().$executeRawUnsafe('ANALYZE "audit_event"');
    for (const [filters, index, sqlite] of planCases(large.environmentId)) {
      const { query, args } = prepared.pageQuery(large.organisationId, filters, { take: 50, skip: 100 });
      expectIndexOrder(await queryPlan(kind, query, args, { asPlanned: true }), index, sqlite);
      expect(query.planPerCall ?? false).toBe(Boolean(filters.actor || filters.action?.endsWith(".")));
    }
    const page = { take: 50, skip: 4_950 };
    expect(await prepared.rows(large.organisationId, {}, page)).toEqual(
      await orm.rows(large.organisationId, {}, page),
    );
  });

  it("gives listAudit the prepared page with its details parsed, and its bounded total", async () => {
    const filters = { action: "member." };
    const page = await listAudit(owner, filters, { take: 5, skip: 5 });
    const reference = await orm.rows(organisationId, filters, { take: 5, skip: 5 });
    expect(page.events).toEqual(
      reference.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> })),
    );
    expect(page.events.some((e) => Object.keys(e.details).length > 0)).toBe(true);
    expect(page).toMatchObject({
      total: await orm.count(organisationId, filters, 10_001),
      totalIsLowerBound: false,
    });
    const outsider: Actor = { ...owner, organisationId: "another-organisation" } as Actor;
    expect(await listAudit(outsider, {}, { take: 50, skip: 0 })).toEqual({
      events: [],
      total: 0,
      totalIsLowerBound: false,
    });
  });
});
