import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { preparedDialect } from "@/lib/db/prepared";
import type { Actor } from "@/lib/auth/actor";
import { credentialListPage, listCredentials } from "@/lib/credentials";
import { orm, prepared, type CredentialListQuery } from "@/lib/credentials/list";
import {
  DATABASE_KINDS,
  resetProcessState,
  stopPostgres,
  useFreshDatabase,
} from "@/test-support/test-database";
import { seedOrganisation } from "./helpers/organisation";
import { queryPlan } from "./helpers/query-plan";

// The console's credential list reads its page, total and expiring secrets through prepared
// statements of the driver; Prisma's reads of the same columns are the reference. Both must
// answer the same rows, values and order on both databases: pages by name and by secret expiry
// (ties and credentials without a date), type and search filters (any case, wildcards taken
// literally), another environment's credentials left out, and never a secret.

const DAY = 86_400_000;
const TYPES = ["basic", "custom_headers", "oauth_client_credentials"] as const;

describe.each(DATABASE_KINDS)("the credential list's prepared reads match Prisma's on %s", (kind) => {
  let environmentId: number;
  let otherEnvironmentId: number;
  let owner: Actor;
  const now = new Date(Date.UTC(2026, 5, 1, 12, 0, 0, 0));

  beforeAll(async () => {
    await useFreshDatabase(kind);
    ({ environmentId, otherEnvironmentId, owner } = await seedOrganisation());
    for (let i = 0; i < 40; i++) {
      const at = new Date(now.getTime() - i * 60_000 - (i % 7));
      await db().credential.create({
        data: {
          environmentId,
          // Mixed case, a literal "%" and "_" in a few names.
          name: i % 10 === 3 ? `Billing_50% ${i}` : i % 2 ? `billing API ${i}` : `Payments ${i}`,
          type: TYPES[i % 3],
          config: i % 3 === 2 ? '{"identityUrl":"https://idp.example/token"}' : "{}",
          secrets: `{"password":"never-listed-${i}"}`,
          createdByLabel: "creator@acme.test",
          updatedByLabel: "editor@acme.test",
          createdAt: at,
          updatedAt: at,
          lastTestedAt: i % 4 === 0 ? null : at,
          lastTestOk: i % 4 === 0 ? null : i % 4 === 1,
          lastTestSummary: i % 4 === 2 ? "401 from the provider" : null,
          lastUsedAt: i % 5 === 0 ? null : at,
          lastUseByType: i % 5 === 0 ? null : "api_key",
          lastUseByLabel: i % 5 === 0 ? null : "service",
          lastUseDestination: i % 5 === 0 ? null : "https://billing.example/v1",
          lastUseOk: i % 5 === 0 ? null : i % 2 === 0,
          lastUseSummary: i % 5 === 1 ? "200 OK" : null,
          // Old rows (null) keep destinations from the OAuth Identity URL.
          allowedDestinations: i % 6 === 0 ? null : '["https://billing.example"]',
          // Expiries: none, expired, soon (three share a day), later.
          secretExpiresAt:
            i % 4 === 0
              ? null
              : new Date(now.getTime() + (i % 4 === 1 ? -2 * DAY : i % 4 === 2 ? 3 * DAY : 30 * DAY)),
        },
      });
    }
    await db().credential.create({
      data: {
        environmentId: otherEnvironmentId,
        name: "billing API elsewhere",
        type: "basic",
        createdByLabel: "x",
        updatedByLabel: "x",
        secretExpiresAt: new Date(now.getTime() + DAY),
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

  const query = (over: Partial<CredentialListQuery>): CredentialListQuery => ({
    environmentId,
    sort: "name",
    page: 1,
    pageSize: 25,
    ...over,
  });

  it("answers every page, sort and filter with Prisma's rows, values and total", async () => {
    const cases: Partial<CredentialListQuery>[] = [
      {},
      { sort: "secret_expiry" },
      { type: "custom_headers" },
      { search: "BILLING api" },
      { search: "billing", type: "basic", sort: "secret_expiry" },
    ];
    for (const c of cases) {
      for (const pageSize of [1, 7, 25]) {
        const all: string[] = [];
        for (let page = 1; page <= 45; page++) {
          const q = query({ ...c, page, pageSize });
          const rows = await prepared.rows(q);
          expect(rows).toEqual(await orm.rows(q));
          all.push(...rows.map((r) => r.id));
          if (rows.length < pageSize) break;
        }
        const total = await prepared.count(query(c));
        expect(total).toBe(await orm.count(query(c)));
        expect(all).toHaveLength(total);
        expect(new Set(all).size).toBe(total);
      }
    }
    expect(await prepared.count(query({}))).toBe(40);
    expect(await prepared.count(query({ search: "BILLING api" }))).toBe(16);
  });

  it("keeps dates, booleans and nulls as Prisma answers them", async () => {
    const rows = await prepared.rows(query({ pageSize: 40 }));
    expect(rows.some((r) => r.lastTestOk === true)).toBe(true);
    expect(rows.some((r) => r.lastTestOk === false)).toBe(true);
    expect(rows.some((r) => r.lastTestOk === null && r.lastTestedAt === null)).toBe(true);
    expect(rows.some((r) => r.secretExpiresAt === null)).toBe(true);
    for (const row of rows) {
      expect(row.updatedAt).toBeInstanceOf(Date);
      if (row.secretExpiresAt) expect(row.secretExpiresAt).toBeInstanceOf(Date);
      expect(row).not.toHaveProperty("secrets");
    }
  });

  it("orders by secret expiry soonest first, credentials without a date last", async () => {
    const rows = await prepared.rows(query({ sort: "secret_expiry", pageSize: 40 }));
    const dated = rows.filter((r) => r.secretExpiresAt);
    expect(rows.slice(dated.length).every((r) => r.secretExpiresAt === null)).toBe(true);
    const times = dated.map((r) => r.secretExpiresAt!.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  // A page sorted by expiry reads the (environmentId, secretExpiresAt) index in its order: no
  // sort of all of the environment's credentials per page.
  it("reads a page by secret expiry in index order", async () => {
    const plan = await queryPlan(kind, prepared.listQuery({ sort: "secret_expiry" }), [environmentId, 25, 0]);
    if (kind === "sqlite") {
      expect(plan).toContain(
        "SEARCH credential USING INDEX credential_environmentId_secretExpiresAt_idx (environmentId=?)",
      );
      // Only ties in the expiry are put in name order ("LAST TERM"), never the whole page's rows.
      expect(plan).not.toContain("USE TEMP B-TREE FOR ORDER BY");
    } else {
      expect(plan.join("\n")).toContain("credential_environmentId_secretExpiresAt_idx");
      // Ties in the expiry are put in name order as they come (Incremental Sort), never a full Sort.
      expect(plan.filter((line) => /^\s*(->\s+)?Sort\s+\(cost/.test(line))).toEqual([]);
    }
  });

  it("takes % and _ in a search literally", async () => {
    const found = await prepared.rows(query({ search: "_50%", pageSize: 40 }));
    expect(found.map((r) => r.name).sort()).toEqual([
      "Billing_50% 13",
      "Billing_50% 23",
      "Billing_50% 3",
      "Billing_50% 33",
    ]);
    expect(await prepared.count(query({ search: "g_A" }))).toBe(0);
    expect(await prepared.count(query({ search: "%" }))).toBe(4);
    expect(await prepared.rows(query({ search: "Billing_50%" }))).toEqual(
      await orm.rows(query({ search: "Billing_50%" })),
    );
  });

  it("names the expiring secrets as Prisma does, this environment's only", async () => {
    const before = new Date(now.getTime() + 14 * DAY);
    const expiring = await prepared.expiring(environmentId, before);
    expect(expiring).toEqual(await orm.expiring(environmentId, before));
    expect(expiring).toHaveLength(20);
    expect(expiring.every((c) => c.secretExpiresAt.getTime() <= before.getTime())).toBe(true);
    expect(await prepared.expiring(otherEnvironmentId, before)).toEqual([
      expect.objectContaining({ name: "billing API elsewhere" }),
    ]);
  });

  it("gives the console page and the list the same summaries, and refuses another organisation", async () => {
    const input = { environmentId, search: "billing", sort: "secret_expiry" as const, page: 2, pageSize: 5 };
    const page = await credentialListPage(owner, input, now);
    expect(page).toMatchObject(await listCredentials(owner, input));
    expect(page.total).toBe(20);
    expect(page.items).toHaveLength(5);
    expect(page.items[0]).toMatchObject({
      typeLabel: expect.any(String),
      allowedDestinations: expect.any(Array),
    });
    expect(page.expiring.map((c) => c.id)).toEqual(
      (await orm.expiring(environmentId, new Date(now.getTime() + 14 * DAY))).map((c) => c.id),
    );
    const outsider: Actor = { ...owner, organisationId: "another-organisation" } as Actor;
    await expect(credentialListPage(outsider, input, now)).rejects.toThrow("Environment not found.");
    await expect(credentialListPage(owner, { ...input, environmentId: 2 ** 31 }, now)).rejects.toThrow(
      "Environment not found.",
    );
  });
});
