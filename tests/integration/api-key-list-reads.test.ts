import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { preparedDialect } from "@/lib/db/prepared";
import type { Actor } from "@/lib/auth/actor";
import { listApiKeys } from "@/lib/api-keys";
import { orm, prepared, type ApiKeyListQuery } from "@/lib/api-keys/list";
import type { ApiKeyStatus } from "@/lib/api-keys/schemas";
import { toView } from "@/lib/api-keys/views";
import {
  DATABASE_KINDS,
  resetProcessState,
  stopPostgres,
  useFreshDatabase,
} from "@/test-support/test-database";
import { seedOrganisation } from "./helpers/organisation";
import { queryPlan } from "./helpers/query-plan";

// The console's API key list reads its page and total through prepared statements of the
// driver; Prisma's reads of the same columns are the reference. Both must answer the same rows,
// values and order on both databases: newest first with ties in the creation time broken by id,
// across page boundaries; revoked, expired and active keys relative to the request's time (a key
// expiring at that very millisecond is expired); a search of the name or the client ID in any
// case; another environment's keys left out.

const DAY = 86_400_000;
const STATUSES = [undefined, "revoked", "expired", "active"] as const;
const COUNT = 45;

/** What each seeded key is, by its index: the status at `now` follows from it. */
function seedOf(i: number, now: Date) {
  const expiry = [
    null, // active, never expires
    new Date(now.getTime() + 1), // active: expires a millisecond after now
    now, // expired: at now exactly
    new Date(now.getTime() - DAY), // expired
    null, // revoked
    new Date(now.getTime() - DAY), // revoked after it expired: revoked
  ][i % 6];
  const status: ApiKeyStatus = i % 6 >= 4 ? "revoked" : i % 6 >= 2 ? "expired" : "active";
  return {
    // Mixed case, a literal "%" and "_" in a few names; some keys found by their client ID alone.
    name: i % 9 === 4 ? `Billing_50% ${i}` : i % 2 ? `billing API ${i}` : `Payments ${i}`,
    clientId: `wbci_${i % 5 === 0 ? "BillingSvc" : "acme"}${String(i).padStart(3, "0")}`,
    expiresAt: expiry,
    revokedAt: status === "revoked" ? new Date(now.getTime() - 2 * DAY) : null,
    status,
  };
}

describe.each(DATABASE_KINDS)("the API key list's prepared reads match Prisma's on %s", (kind) => {
  let environmentId: number;
  let otherEnvironmentId: number;
  let owner: Actor;
  const now = new Date(Date.UTC(2026, 5, 1, 12, 0, 0, 0));
  const seeded: { id: string; name: string; clientId: string; status: ApiKeyStatus }[] = [];

  beforeAll(async () => {
    await useFreshDatabase(kind);
    ({ environmentId, otherEnvironmentId, owner } = await seedOrganisation());
    for (let i = 0; i < COUNT; i++) {
      const seed = seedOf(i, now);
      // Three keys per creation time: ties broken by id, some across page boundaries.
      const createdAt = new Date(now.getTime() - 30 * DAY - Math.floor(i / 3) * 60_000);
      const legacy = i % 8 === 3;
      const key = await db().apiKey.create({
        data: {
          environmentId,
          name: seed.name,
          kind: legacy ? "legacy" : "fine_grained",
          permissions: legacy ? "[]" : '["cards:read","customers:write"]',
          role: legacy ? "workbench" : null,
          clientId: seed.clientId,
          secretHash: `hash-${i}`,
          secretHint: `…${String(i).padStart(4, "0")}`,
          createdByLabel: "creator@acme.test",
          createdAt,
          updatedAt: new Date(createdAt.getTime() + i * 1000),
          version: 1 + (i % 3),
          expiresAt: seed.expiresAt,
          revokedAt: seed.revokedAt,
          allowlist: i % 4 === 1 ? '["10.0.0.0/8"]' : "[]",
          allowlistMode: i % 4 === 1 ? "report" : "enforce",
          // A rotation's grace on a few keys, following traffic on some of them.
          previousSecretHash: i % 7 === 2 ? `old-${i}` : null,
          previousSecretExpiresAt: i % 7 === 2 ? new Date(now.getTime() + DAY) : null,
          secretRotatedAt: i % 7 === 2 ? new Date(now.getTime() - DAY) : null,
          previousSecretUnusedMinutes: i % 14 === 2 ? 60 : null,
          previousSecretLastUsedAt: i % 14 === 2 ? new Date(now.getTime() - 3_600_000) : null,
          previousSecretLastUsedIp: i % 14 === 2 ? "10.0.0.9" : null,
          lastUsedAt: i % 4 === 0 ? null : new Date(now.getTime() - i * 60_000),
          lastUsedIp: i % 4 === 0 ? null : "10.1.2.3",
          lastUsedUserAgent: i % 4 === 0 ? null : "curl/8.5.0",
        },
        select: { id: true },
      });
      seeded.push({ id: key.id, name: seed.name, clientId: seed.clientId, status: seed.status });
    }
    // Another environment's keys match every filter and are never listed.
    for (const [i, revoked] of [false, true].entries())
      await db().apiKey.create({
        data: {
          environmentId: otherEnvironmentId,
          name: "billing API elsewhere",
          kind: "fine_grained",
          clientId: `wbci_BillingSvcElsewhere${i}`,
          secretHash: "x",
          secretHint: "x",
          createdByLabel: "x",
          createdAt: now,
          revokedAt: revoked ? now : null,
        },
      });
  });

  afterAll(async () => {
    await resetProcessState();
    if (kind === "postgres") stopPostgres();
  });

  it("runs on the prepared path for this database", () => {
    expect(preparedDialect()).toBe(kind);
  });

  const query = (over: Partial<ApiKeyListQuery>): ApiKeyListQuery => ({
    environmentId,
    page: 1,
    pageSize: 20,
    now,
    ...over,
  });

  it("answers every page, status and search with Prisma's rows, values and total", async () => {
    // Searches whose matches do not depend on how "%" and "_" are read (see the wildcard test).
    const searches = [undefined, "billing", "BILLING api", "billingsvc", "Billing_50%", "ACME01"];
    for (const status of STATUSES) {
      for (const search of searches) {
        for (const pageSize of [1, 7, 20]) {
          const all: string[] = [];
          for (let page = 1; page <= COUNT + 1; page++) {
            const q = query({ status, search, page, pageSize });
            const rows = await prepared.rows(q, false);
            expect(rows).toEqual(await orm.rows(q));
            expect(await prepared.rows(q, true)).toEqual(rows);
            all.push(...rows.map((r) => r.id));
            if (rows.length < pageSize) break;
          }
          const total = await prepared.count(query({ status, search }));
          expect(total).toBe(await orm.count(query({ status, search })));
          expect(all).toHaveLength(total);
          expect(new Set(all).size).toBe(total);
        }
      }
    }
    // The statuses split the environment's keys as seeded; searches find names and client IDs.
    for (const status of ["revoked", "expired", "active"] as const)
      expect(await prepared.count(query({ status }))).toBe(seeded.filter((k) => k.status === status).length);
    expect(await prepared.count(query({}))).toBe(COUNT);
    expect(await prepared.count(query({ search: "BILLING api" }))).toBe(
      seeded.filter((k) => k.name.startsWith("billing API")).length,
    );
    expect(await prepared.count(query({ search: "billingsvc" }))).toBe(9);
  });

  it("orders newest first, ties by id, and keeps dates and nulls as Prisma answers them", async () => {
    const rows = await prepared.rows(query({ pageSize: COUNT }));
    expect(rows).toHaveLength(COUNT);
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1], rows[i]];
      expect(a.createdAt.getTime()).toBeGreaterThanOrEqual(b.createdAt.getTime());
      if (a.createdAt.getTime() === b.createdAt.getTime()) expect(a.id < b.id).toBe(true);
    }
    expect(rows.some((r) => r.expiresAt === null && r.revokedAt === null)).toBe(true);
    expect(rows.some((r) => r.previousSecretUnusedMinutes === 60)).toBe(true);
    expect(rows.some((r) => r.role === null)).toBe(true);
    for (const row of rows) {
      expect(row.createdAt).toBeInstanceOf(Date);
      expect(row.updatedAt).toBeInstanceOf(Date);
      if (row.lastUsedAt) expect(row.lastUsedAt).toBeInstanceOf(Date);
      expect(row).not.toHaveProperty("secretHash");
      expect(row).not.toHaveProperty("previousSecretHash");
    }
    expect(rows.map(toView)).toEqual((await orm.rows(query({ pageSize: COUNT }))).map(toView));
  });

  it("decides expired and active at the request's time", async () => {
    const atExpiry = seeded[2]; // expires at `now` exactly
    const justBefore = seeded[1]; // expires a millisecond after `now`
    const statusAt = async (id: string, at: Date) => {
      for (const status of ["revoked", "expired", "active"] as const) {
        const rows = await prepared.rows(query({ status, now: at, pageSize: COUNT }));
        if (rows.some((r) => r.id === id)) return status;
      }
      return undefined;
    };
    expect(await statusAt(atExpiry.id, now)).toBe("expired");
    expect(await statusAt(atExpiry.id, new Date(now.getTime() - 1))).toBe("active");
    expect(await statusAt(justBefore.id, now)).toBe("active");
    expect(await statusAt(justBefore.id, new Date(now.getTime() + 1))).toBe("expired");
    // Revoked after it expired: revoked only.
    expect(await statusAt(seeded[5].id, now)).toBe("revoked");
    for (const at of [new Date(now.getTime() - 1), new Date(now.getTime() + 1)])
      for (const status of ["expired", "active"] as const)
        expect(await prepared.count(query({ status, now: at }))).toBe(
          await orm.count(query({ status, now: at })),
        );
  });

  it("takes % and _ in a search literally, where Prisma's contains reads them as wildcards", async () => {
    const literally = (search: string) =>
      seeded
        .filter((k) => `${k.name}\n${k.clientId}`.toLowerCase().includes(search.toLowerCase()))
        .map((k) => k.id)
        .sort();
    for (const search of ["%", "_50%", "g_A", "i_b", "0%"]) {
      const rows = await prepared.rows(query({ search, pageSize: COUNT }));
      expect(rows.map((r) => r.id).sort()).toEqual(literally(search));
      expect(await prepared.count(query({ search }))).toBe(literally(search).length);
    }
    expect(literally("%")).toHaveLength(5);
    expect(literally("g_A")).toEqual([]);
    // Prisma's `contains` puts the text into LIKE as it is: "%" matches every key, "g_A" the
    // "billing API" names. The prepared read is the one the console now gives.
    expect(await orm.count(query({ search: "%" }))).toBe(COUNT);
    expect(await orm.count(query({ search: "g_A" }))).toBe(
      seeded.filter((k) => k.name.startsWith("billing API")).length,
    );
  });

  const planVariants = (now: Date): { shape: Partial<ApiKeyListQuery>; args: unknown[] }[] => [
    { shape: {}, args: [] },
    { shape: { status: "revoked" }, args: [] },
    { shape: { status: "active", search: "billing" }, args: [now, "%billing%"] },
  ];

  /** A page's plan keeps to the index's order and sorts ties only; a deferred page reads its rows by primary key. */
  const expectIndexOrder = (plan: string[], deferred: boolean) => {
    if (kind === "sqlite") {
      expect(plan).toContain(
        "SEARCH api_key USING INDEX api_key_environmentId_createdAt_idx (environmentId=?)",
      );
      // Keys created in the same millisecond are put in id order ("LAST TERM"), never all the rows.
      expect(plan).toContain("USE TEMP B-TREE FOR LAST TERM OF ORDER BY");
      expect(plan).not.toContain("USE TEMP B-TREE FOR ORDER BY");
      if (deferred) expect(plan).toContain("SEARCH api_key USING INDEX sqlite_autoindex_api_key_1 (id=?)");
      return;
    }
    const text = plan.join("\n");
    expect(text).toMatch(/Index Scan Backward using "api_key_environmentId_createdAt_idx"/);
    // Ties in the creation time are put in id order as they come (Incremental Sort), never a full Sort.
    expect(text).not.toMatch(/^\s*(->\s+)?Sort\s+\(cost/m);
    if (deferred) {
      expect(text).toMatch(/Nested Loop[\s\S]*Index Scan using api_key_pkey on api_key/);
      expect(text).not.toContain("Hash");
    }
  };

  // No sort of all of the environment's keys per page, with or without filters.
  it("reads a page in index order, and a deferred page's rows by primary key", async () => {
    for (const { shape, args } of planVariants(now))
      for (const deferred of [false, true])
        expectIndexOrder(
          await queryPlan(kind, prepared.listQuery(shape, deferred), [environmentId, 20, 40, ...args]),
          deferred,
        );
  });

  // After a few runs PostgreSQL may keep one plan of a named statement for every page, made
  // without knowing the page size or offset (it guesses a tenth of the rows): at 10,000 keys that
  // plan too keeps to the index, and a deferred page still reads its rows one by one.
  it("keeps to the index in the plan made for any page, at 10,000 keys", async () => {
    const { id: large } = await db().environment.create({
      data: { name: "large", organisationId: owner.organisationId },
      select: { id: true },
    });
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      environmentId: large,
      name: `billing key ${i}`,
      kind: "fine_grained",
      clientId: `wbci_large${String(i).padStart(5, "0")}`,
      secretHash: "x",
      secretHint: "x",
      createdByLabel: "x",
      createdAt: new Date(now.getTime() - Math.floor(i / 3) * 60_000),
      revokedAt: i % 11 === 0 ? now : null,
      expiresAt: i % 10 === 0 ? now : null,
    }));
    for (let i = 0; i < rows.length; i += 2_000)
      await db().apiKey.createMany({ data: rows.slice(i, i + 2_000) });
    if (kind === "postgres") await db().$executeRawUnsafe('ANALYZE "api_key"');
    for (const { shape, args } of planVariants(now))
      for (const deferred of [false, true])
        expectIndexOrder(
          await queryPlan(kind, prepared.listQuery(shape, deferred), [large, 20, 4_980, ...args], {
            asPlanned: true,
          }),
          deferred,
        );
    expect(await prepared.rows(query({ environmentId: large, page: 250 }))).toEqual(
      await orm.rows(query({ environmentId: large, page: 250 })),
    );
  });

  it("lists the console's page with toView of the prepared rows, this organisation's only", async () => {
    const input = { environmentId, search: "billing", status: "expired" as const, page: 2, pageSize: 5 };
    const page = await listApiKeys(owner, input);
    // `now` is the request's: every seeded expiry is long past it or never comes.
    const reference = query({ search: "billing", status: "expired", page: 2, pageSize: 5, now: new Date() });
    expect(page).toEqual({
      items: (await orm.rows(reference)).map(toView),
      total: await orm.count(reference),
      page: 2,
      pageSize: 5,
    });
    expect(page.items).toHaveLength(5);
    expect(page.items.every((k) => k.status === "expired" && k.environmentId === environmentId)).toBe(true);
    const outsider: Actor = { ...owner, organisationId: "another-organisation" } as Actor;
    await expect(listApiKeys(outsider, input)).rejects.toThrow("Environment not found.");
    await expect(listApiKeys(owner, { ...input, environmentId: 2 ** 31 - 1 })).rejects.toThrow(
      "Environment not found.",
    );
  });
});
