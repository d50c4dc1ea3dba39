// How the database would run a prepared statement (lib/db/prepared.ts), for the tests that hold
// a list query to its index: SQLite's `EXPLAIN QUERY PLAN` details, or PostgreSQL's `EXPLAIN`
// lines. A test table is small, so PostgreSQL's planner rightly prefers reading it whole and
// sorting: sequential scans, bitmap scans and sorts are made the last resort (for this one
// statement), and then the plan shows whether an index can answer the query — a Sort left in it
// means it cannot.
import { db } from "@/lib/db";
import type { PreparedQuery } from "@/lib/db/prepared";
import type { DatabaseKind } from "@/test-support/test-database";

/** The plan's lines; `args` in the `$1…$n` order the query is written in. */
export async function queryPlan(
  kind: DatabaseKind,
  query: PreparedQuery,
  args: unknown[],
): Promise<string[]> {
  if (kind === "sqlite") {
    const plan = await db().$queryRawUnsafe<{ detail: string }[]>(
      `EXPLAIN QUERY PLAN ${query.sqlite}`,
      ...query.order.map((i) => args[i]),
    );
    return plan.map((row) => row.detail);
  }
  const plan = await db().$transaction(async (tx) => {
    for (const method of ["seqscan", "bitmapscan", "sort"])
      await tx.$executeRawUnsafe(`SET LOCAL enable_${method} = off`);
    return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${query.postgres}`, ...args);
  });
  return plan.map((row) => row["QUERY PLAN"]);
}
