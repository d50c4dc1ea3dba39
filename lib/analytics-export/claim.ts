import "server-only";
import { db, isPostgresUrl } from "../db";

// Claiming due batches with a lease, as the webhook engine claims messages: on PostgreSQL the
// candidate rows are locked with FOR UPDATE SKIP LOCKED, on SQLite the one UPDATE … RETURNING runs
// alone (SQLite serialises writers) and its condition is the lease. A due batch is pending, its
// time has come and its lease (if any) has run out — its holder died.

const due = (now: string, again: string) => `"status" = 'pending' AND "nextAttemptAt" <= ${now}
  AND ("leaseUntil" IS NULL OR "leaseUntil" < ${again})`;

/** Claims up to `limit` due batches for `owner` until `leaseUntil`; returns their ids. */
export async function claimDueBatches(
  owner: string,
  limit: number,
  now: Date,
  leaseUntil: Date,
): Promise<string[]> {
  if (limit <= 0) return [];
  const rows = isPostgresUrl()
    ? await db().$queryRawUnsafe<{ id: string }[]>(
        `UPDATE "analytics_batch" SET "leaseOwner" = $1, "leaseUntil" = $2
         WHERE "id" IN (
           SELECT "id" FROM "analytics_batch" WHERE ${due("$3", "$3")}
           ORDER BY "nextAttemptAt" LIMIT $4
           FOR UPDATE SKIP LOCKED)
         RETURNING "id"`,
        owner,
        leaseUntil,
        now,
        limit,
      )
    : await db().$queryRawUnsafe<{ id: string }[]>(
        `UPDATE "analytics_batch" SET "leaseOwner" = ?, "leaseUntil" = ?
         WHERE "id" IN (
           SELECT "id" FROM "analytics_batch" WHERE ${due("?", "?")}
           ORDER BY "nextAttemptAt" LIMIT ?)
         RETURNING "id"`,
        owner,
        leaseUntil,
        now,
        now,
        limit,
      );
  return rows.map((row) => row.id);
}

/** Keeps the lease of a batch still being uploaded (a heartbeat). */
export async function extendBatchLeases(owner: string, ids: string[], leaseUntil: Date): Promise<void> {
  if (ids.length === 0) return;
  await db().analyticsBatch.updateMany({
    where: { id: { in: ids }, leaseOwner: owner },
    data: { leaseUntil },
  });
}

/** Gives batches back (shutdown): another exporter may claim them at once. */
export async function releaseBatchLeases(owner: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const { count } = await db().analyticsBatch.updateMany({
    where: { id: { in: ids }, leaseOwner: owner, status: "pending" },
    data: { leaseOwner: null, leaseUntil: null },
  });
  return count;
}
