// The audit log's page count on a large log: matches are counted up to AUDIT_COUNT_LIMIT (or to
// the end of the page asked for, if further), so a page view of a 100,000-event log reads one
// bounded index range. Below the limit the count is exact; past it the page says "more than"
// and still knows that another page follows. Runs on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIT_COUNT_LIMIT, listAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { DATABASE_KINDS, stopPostgres } from "@/test-support/test-database";
import { startSuite, stopSuite, type RunningApi, type Seed } from "./helpers/api";

afterAll(() => stopPostgres());

describe.each(DATABASE_KINDS)("audit log count on %s", (kind) => {
  let running: RunningApi;
  let seed: Seed;
  const start = Date.UTC(2026, 0, 1);

  /** `count` entries of `action`, one a second after the last. */
  let written = 0;
  const write = async (count: number, action: string) => {
    const rows = Array.from({ length: count }, (_, i) => ({
      id: `aud_count_${String(written + i).padStart(6, "0")}`,
      organisationId: seed.organisationId,
      actorType: "system",
      actorLabel: "count test",
      action,
      details: "{}",
      createdAt: new Date(start + (written + i) * 1000),
    }));
    written += count;
    for (let i = 0; i < rows.length; i += 2_000)
      await db().auditEvent.createMany({ data: rows.slice(i, i + 2_000) });
  };

  beforeAll(async () => {
    ({ running, seed } = await startSuite(kind));
    // The suite's own set-up may have written entries: start from an empty log.
    await db().auditEvent.deleteMany({ where: { organisationId: seed.organisationId } });
  });
  afterAll(() => stopSuite(running));

  it("counts exactly up to the limit, then says more than the limit and keeps paging", async () => {
    await write(AUDIT_COUNT_LIMIT - 3, "card.create");
    await write(3, "api_key.create");
    const exact = await listAudit(seed.actor, {}, { take: 50, skip: 0 });
    expect(exact).toMatchObject({ total: AUDIT_COUNT_LIMIT, totalIsLowerBound: false });
    expect(exact.events).toHaveLength(50);

    await write(5, "card.create");
    const first = await listAudit(seed.actor, {}, { take: 50, skip: 0 });
    expect(first).toMatchObject({ total: AUDIT_COUNT_LIMIT, totalIsLowerBound: true });
    // Newest first: the last entry written heads the page.
    expect(first.events[0].id).toBe(`aud_count_${String(AUDIT_COUNT_LIMIT + 4).padStart(6, "0")}`);

    // A page past the limit counts to its own end: exact again, and its 5 entries are the oldest.
    const last = await listAudit(seed.actor, {}, { take: 50, skip: AUDIT_COUNT_LIMIT });
    expect(last).toMatchObject({ total: AUDIT_COUNT_LIMIT + 5, totalIsLowerBound: false });
    expect(last.events.map((e) => e.id)).toEqual(
      [4, 3, 2, 1, 0].map((i) => `aud_count_${String(i).padStart(6, "0")}`),
    );

    // A filter below the limit: exact.
    const filtered = await listAudit(seed.actor, { action: "api_key.create" }, { take: 50, skip: 0 });
    expect(filtered).toMatchObject({ total: 3, totalIsLowerBound: false });
    expect(filtered.events.every((e) => e.action === "api_key.create")).toBe(true);
  });
});
