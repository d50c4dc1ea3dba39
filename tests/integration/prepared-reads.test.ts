import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { preparedDialect } from "@/lib/db/prepared";
import { cards, listCards, getCard, toCardView, type CardRow } from "@/lib/api-resources/cards";
import { customers, toCustomerView, type CustomerRow } from "@/lib/api-resources/customers";
import {
  environmentRowsOrm,
  environmentRowsPrepared,
  listApiEnvironments,
} from "@/lib/api-resources/environments";
import type { Actor } from "@/lib/auth/actor";
import { listAuditActions, recordAudit } from "@/lib/audit";
import {
  DATABASE_KINDS,
  resetProcessState,
  stopPostgres,
  useFreshDatabase,
} from "@/test-support/test-database";
import { queryPlan } from "./helpers/query-plan";

// The /v1 reads run as prepared statements of the driver; Prisma's reads of the same resource
// module are the reference. Both must return the same rows, in the same order, on both
// databases: pages through a cursor (with creation times that tie), filters, another
// environment's rows, rows written by SQL defaults.

describe.each(DATABASE_KINDS)("prepared reads match Prisma's on %s", (kind) => {
  let environmentId: number;
  let otherEnvironmentId: number;
  let organisationId: string;
  let customerIds: string[];
  const cardIds: string[] = [];

  beforeAll(async () => {
    await useFreshDatabase(kind);
    const org = await db().organisation.create({
      data: {
        name: 'Acme "quoted" & co',
        environments: { create: [{ name: "production" }, { name: "staging" }] },
      },
      select: { id: true, environments: { select: { id: true }, orderBy: { id: "asc" } } },
    });
    organisationId = org.id;
    [environmentId, otherEnvironmentId] = org.environments.map((e) => e.id);
    await db().organisation.create({
      data: { name: "Other", environments: { create: [{ name: "production" }] } },
    });
    customerIds = [];
    for (let i = 0; i < 3; i++) {
      const c = await db().customer.create({
        data: { environmentId, externalId: `c-${i}`, name: i === 0 ? null : `Customer ${i}`, email: null },
        select: { id: true },
      });
      customerIds.push(c.id);
    }
    // 45 cards over 15 distinct instants (three per instant): ties in createdAt are broken by id.
    const base = Date.UTC(2026, 0, 1, 12, 0, 0, 123);
    for (let i = 0; i < 45; i++) {
      const card = await db().card.create({
        data: {
          environmentId,
          title: `Card ${i}`,
          body: i % 4 === 0 ? null : `Body ${i} — ünïcödé`,
          status: i % 5 === 0 ? "archived" : "active",
          customerId: i % 3 === 0 ? null : customerIds[i % 3],
          createdAt: new Date(base + Math.floor(i / 3) * 1000),
        },
        select: { id: true },
      });
      cardIds.push(card.id);
    }
    await db().card.create({ data: { environmentId: otherEnvironmentId, title: "Elsewhere" } });
    // A row whose createdAt comes from the column's SQL default, not from Prisma.
    await db().$executeRawUnsafe(
      `INSERT INTO "card" ("id", "environmentId", "title", "status") VALUES ('sql-default-card', ${environmentId}, 'From SQL', 'active')`,
    );
  });

  afterAll(async () => {
    await resetProcessState();
    if (kind === "postgres") stopPostgres();
  });

  /** A key of this organisation in `environment`, as the /v1 routes pass it to the reads. */
  const apiKey = (environment: number): Actor => ({
    type: "api_key",
    organisationId,
    environmentId: environment,
    apiKeyId: "k",
    label: "key",
    ip: null,
    userAgent: null,
  });

  it("runs on the prepared path for this database", () => {
    expect(preparedDialect()).toBe(kind);
  });

  async function pages(filters: Record<string, string>, limit: number) {
    const prepared: string[][] = [];
    const orm: string[][] = [];
    for (const [path, out] of [
      [cards.prepared, prepared],
      [cards.orm, orm],
    ] as const) {
      let cursor: string | undefined;
      for (let guard = 0; guard < 100; guard++) {
        const rows = await path.listRows(environmentId, filters, limit + 1, cursor);
        const page = rows.slice(0, limit);
        out.push(page.map((r) => r.id));
        if (rows.length <= limit) break;
        cursor = page[page.length - 1].id;
      }
    }
    return { prepared, orm };
  }

  it("pages through every card in the same order, with and without filters", async () => {
    const cases: Record<string, string>[] = [{}, { status: "archived" }, { customerId: customerIds[1] }];
    for (const filters of cases) {
      for (const limit of [1, 4, 20]) {
        const { prepared, orm } = await pages(filters, limit);
        expect(prepared).toEqual(orm);
      }
    }
    const { prepared } = await pages({}, 7);
    expect(prepared.flat()).toHaveLength(46);
    expect(new Set(prepared.flat())).toEqual(new Set([...cardIds, "sql-default-card"]));
  });

  // A client paging through a large table asks for page after page: each must read its rows in
  // index order from the cursor on, never read the newer rows again and never sort.
  it("reads each page in (environmentId, createdAt, id) index order, seeking to the cursor", async () => {
    for (const [resource, table] of [
      [cards, "card"],
      [customers, "customer"],
    ] as const) {
      const index = `${table}_environmentId_createdAt_id_idx`;
      for (const [cursor, as] of [
        [false, "rows"],
        [true, "rows"],
        [false, "json"],
        [true, "json"],
      ] as const) {
        const query = resource.prepared.listQuery([], cursor, as);
        const plan = await queryPlan(kind, query, [environmentId, 21, ...(cursor ? [cardIds[30]] : [])]);
        if (kind === "sqlite") {
          const range = cursor ? " AND (createdAt,id)<(?,?)" : "";
          expect(plan).toContain(`SEARCH ${table} USING INDEX ${index} (environmentId=?${range})`);
          expect(plan.join("\n")).not.toMatch(/TEMP B-TREE/);
        } else {
          const text = plan.join("\n");
          expect(text).toContain(`Index Scan Backward using "${index}"`);
          if (cursor) expect(text).toMatch(/Index Cond: .*ROW\("createdAt", id\) < ROW/);
          expect(text).not.toMatch(/\bSort\b/);
        }
      }
    }
  });

  it("returns the same rows and values (dates included) as Prisma", async () => {
    const prepared = await cards.prepared.listRows(environmentId, {}, 100);
    const orm = await cards.orm.listRows(environmentId, {}, 100);
    expect(prepared).toEqual(orm);
    const fromSql = prepared.find((r) => r.id === "sql-default-card");
    expect(fromSql?.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(Date.now() - (fromSql?.createdAt.getTime() ?? 0))).toBeLessThan(10 * 60_000);
    for (const id of [cardIds[0], cardIds[7], "sql-default-card", "missing"]) {
      expect(await cards.prepared.findRow(environmentId, id)).toEqual(
        await cards.orm.findRow(environmentId, id),
      );
    }
    for (const id of customerIds) {
      expect(await customers.prepared.findRow(environmentId, id)).toEqual(
        await customers.orm.findRow(environmentId, id),
      );
    }
  });

  // GET /v1 lists send the JSON the database writes for each row (`json` of the resource): it
  // must be, byte for byte, what JSON.stringify writes for Prisma's rows through the view.
  it("writes each list page's JSON as the view of Prisma's rows writes it", async () => {
    const key = apiKey(environmentId);
    const viaPrisma = async (
      resource: typeof cards | typeof customers,
      filters: Record<string, string>,
      limit: number,
      cursor?: string,
    ) => {
      const rows = await resource.orm.listRows(environmentId, filters, limit + 1, cursor);
      const page = rows.slice(0, limit);
      const view = resource === cards ? toCardView : toCustomerView;
      return {
        data: page.map((row) => view(row as CardRow & CustomerRow)),
        nextCursor: rows.length > limit ? page[page.length - 1].id : null,
      };
    };
    const cases: Record<string, string>[] = [{}, { status: "archived" }, { customerId: customerIds[2] }];
    for (const filters of cases) {
      for (const limit of [1, 7, 20, 100]) {
        let cursor: string | undefined;
        for (let guard = 0; guard < 100; guard++) {
          const text = (await cards.listJson(key, environmentId, { limit, cursor }, filters)).text;
          const expected = await viaPrisma(cards, filters, limit, cursor);
          expect(text).toBe(JSON.stringify(expected));
          if (!expected.nextCursor) break;
          cursor = expected.nextCursor;
        }
      }
    }
    expect((await customers.listJson(key, environmentId, { limit: 2 })).text).toBe(
      JSON.stringify(await viaPrisma(customers, {}, 2)),
    );
    await expect(cards.listJson(key, environmentId, { limit: 5, cursor: "nope" })).rejects.toThrow(
      "Unknown cursor",
    );
    await expect(cards.listJson(key, otherEnvironmentId, { limit: 5 })).rejects.toThrow();
  });

  it("writes awkward text, other statuses and both date forms as JSON.stringify does", async () => {
    const org = await db().organisation.create({
      data: { name: "Awkward", environments: { create: [{ name: "production" }] } },
      select: { id: true, environments: { select: { id: true } } },
    });
    const env = org.environments[0].id;
    const titles = [
      "quote \" backslash \\ slash / apostrophe ' percent %",
      "lines\nand\ttabs\r\u0001\u001f\u007f\b\f",
      "ünïcödé — 日本語 — emoji 🔑 — </script>",
      "",
    ];
    for (const [i, title] of titles.entries())
      await db().card.create({
        data: {
          environmentId: env,
          title,
          body: i % 2 ? null : title,
          createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i, i === 0 ? 0 : 999)),
        },
      });
    // A status outside the view's two (written by SQL), and a date from the column's default.
    await db().$executeRawUnsafe(
      `INSERT INTO "card" ("id", "environmentId", "title", "status") VALUES ('odd-status', ${env}, 'Odd', 'pending')`,
    );
    const key: Actor = { type: "system", organisationId: org.id, label: "test" };
    const text = (await cards.listJson(key, env, { limit: 10 })).text;
    expect(text).toBe(JSON.stringify(await cards.list(key, env, { limit: 10 })));
    const page = JSON.parse(text) as {
      data: { id: string; title: string; status: string; created: string }[];
    };
    expect(page.data.map((c) => c.title).sort()).toEqual([...titles, "Odd"].sort());
    expect(page.data.find((c) => c.id === "odd-status")?.status).toBe("active");
    expect(page.data.map((c) => c.created)).toContain("2026-01-01T00:00:00.000Z");
    expect(page.data.map((c) => c.created)).toContain("2026-01-01T00:00:03.999Z");
  });

  it("keeps another environment's rows out of every read", async () => {
    const elsewhere = await cards.orm.listRows(otherEnvironmentId, {}, 10);
    expect(elsewhere).toHaveLength(1);
    const foreign = elsewhere[0].id;
    expect(await cards.prepared.findRow(environmentId, foreign)).toBeNull();
    expect(await cards.prepared.cursorExists(environmentId, foreign)).toBe(false);
    expect(await cards.prepared.cursorExists(environmentId, cardIds[3])).toBe(true);
    expect(await customers.prepared.findRow(otherEnvironmentId, customerIds[0])).toBeNull();
  });

  it("serves the /v1 views from the prepared path", async () => {
    const key = apiKey(environmentId);
    const page = await listCards(key, environmentId, { limit: 5 });
    expect(page.data).toHaveLength(5);
    expect(page.nextCursor).toBe(page.data[4].id);
    expect((await getCard(key, environmentId, page.data[0].id)).created).toBe(page.data[0].created);
    await expect(getCard(key, otherEnvironmentId, page.data[0].id)).rejects.toThrow();
    expect(await listApiEnvironments(key)).toEqual([
      expect.objectContaining({
        id: environmentId,
        name: "production",
        organisationName: 'Acme "quoted" & co',
      }),
    ]);
  });

  it("lists the audit log's distinct actions as Prisma's distinct does, this organisation's only", async () => {
    const system: Actor = { type: "system", organisationId, label: "test" };
    for (const action of ["card.update", "api_key.create", "card.update", "member.add", "api_key.create"])
      await recordAudit(system, { action, environmentId });
    const other = await db().organisation.findFirstOrThrow({
      where: { name: "Other" },
      select: { id: true },
    });
    await recordAudit(
      { type: "system", organisationId: other.id, label: "other" },
      { action: "zz.elsewhere" },
    );
    const viaPrisma = await db().auditEvent.findMany({
      where: { organisationId },
      distinct: ["action"],
      select: { action: true },
      orderBy: { action: "asc" },
    });
    const owner: Actor = {
      type: "member",
      organisationId,
      userId: "u",
      memberId: "m",
      role: "owner",
      label: "owner",
      name: "Owner",
      ip: null,
      userAgent: null,
    };
    expect(await listAuditActions(owner)).toEqual(viaPrisma.map((r) => r.action));
    expect(await listAuditActions(owner)).toEqual(["api_key.create", "card.update", "member.add"]);
  });

  it("lists the same environments as Prisma for a key and for a member", async () => {
    const key = apiKey(otherEnvironmentId);
    const system: Actor = { type: "system", organisationId, label: "test" };
    for (const actor of [key, system]) {
      expect(await environmentRowsPrepared(actor)).toEqual(await environmentRowsOrm(actor));
    }
    expect((await environmentRowsPrepared(system)).map((e) => e.name)).toEqual(["production", "staging"]);
  });
});
