// How the database would run a prepared statement (lib/db/prepared.ts), for the tests that hold
// a list query to its index: SQLite's `EXPLAIN QUERY PLAN` details, or PostgreSQL's `EXPLAIN`
// lines. A test table is small, so PostgreSQL's planner rightly prefers reading it whole and
// sorting: sequential scans, bitmap scans and sorts are made the last resort (for this one
// statement), and then the plan shows whether an index can answer the query — a Sort left in it
// means it cannot.
import { db } from "@/lib/db";
import type { PreparedQuery } from "@/lib/db/prepared";
import type { DatabaseKind } from "@/test-support/test-database";

/**
 * The plan's lines; `args` in the `$1…$n` order the query is written in. On PostgreSQL,
 * `asPlanned` gives instead the server's own plan, nothing disabled, for a table seeded to a
 * realistic size: made for these arguments if the statement is planned per call
 * (`planPerCall`), else the one the server may keep for a named statement after its first runs,
 * made once for any arguments (a page size, an offset, a pattern it does not know).
 */
export async function queryPlan(
  kind: DatabaseKind,
  query: PreparedQuery,
  args: unknown[],
  { asPlanned = false }: { asPlanned?: boolean } = {},
): Promise<string[]> {
  if (kind === "sqlite") {
    const plan = await db().$queryRawUnsafe<{ detail: string }[]>(
      `EXPLAIN QUERY PLAN ${query.sqlite}`,
      ...query.order.map((i) => args[i]),
    );
    return plan.map((row) => row.detail);
  }
  const plan = await db().$transaction(async (tx) => {
    if (!asPlanned)
      for (const method of ["seqscan", "bitmapscan", "sort"])
        await tx.$executeRawUnsafe(`SET LOCAL enable_${method} = off`);
    if (!asPlanned || query.planPerCall)
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${query.postgres}`, ...args);
    await tx.$executeRawUnsafe("SET LOCAL plan_cache_mode = force_generic_plan");
    await tx.$executeRawUnsafe(`PREPARE plan_check AS ${query.postgres}`);
    // EXECUTE takes no parameters of the protocol: the arguments go in as literals.
    const lines = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
      `EXPLAIN EXECUTE plan_check(${args.map(literal).join(", ")})`,
    );
    await tx.$executeRawUnsafe("DEALLOCATE plan_check");
    return lines;
  });
  return plan.map((row) => row["QUERY PLAN"]);
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") return String(value);
  // The columns are TIMESTAMP(3) without a zone holding UTC.
  const text = value instanceof Date ? value.toISOString().slice(0, -1) : String(value);
  return `'${text.replace(/'/g, "''")}'`;
}
