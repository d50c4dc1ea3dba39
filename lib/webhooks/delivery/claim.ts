import "server-only";
import { db, isPostgresUrl } from "../../db";

// Claiming due messages with a lease, atomically, so any number of workers (instances) share the
// outbox without two of them holding the same message: on PostgreSQL the candidate rows are
// locked with FOR UPDATE SKIP LOCKED (a row another worker is claiming is skipped, not waited
// for); on SQLite the one UPDATE … RETURNING runs alone (SQLite serialises writers) and its
// condition is the lease. A due message is pending, its time has come, its lease (if any) has run
// out — its holder died — and its endpoint is enabled (a paused endpoint's messages wait).

const due = (now: string, again: string) => `m."status" = 'pending' AND m."nextAttemptAt" <= ${now}
  AND (m."leaseUntil" IS NULL OR m."leaseUntil" < ${again}) AND e."status" = 'enabled'`;

/** Claims up to `limit` due messages for `owner` until `leaseUntil`; returns their ids. */
export async function claimDue(owner: string, limit: number, now: Date, leaseUntil: Date): Promise<string[]> {
  if (limit <= 0) return [];
  const postgres = isPostgresUrl();
  const rows = postgres
    ? await db().$queryRawUnsafe<{ id: string }[]>(
        `UPDATE "webhook_message" SET "leaseOwner" = $1, "leaseUntil" = $2
         WHERE "id" IN (
           SELECT m."id" FROM "webhook_message" m JOIN "webhook_endpoint" e ON e."id" = m."endpointId"
           WHERE ${due("$3", "$3")}
           ORDER BY m."nextAttemptAt" LIMIT $4
           FOR UPDATE OF m SKIP LOCKED)
         RETURNING "id"`,
        owner,
        leaseUntil,
        now,
        limit,
      )
    : await db().$queryRawUnsafe<{ id: string }[]>(
        `UPDATE "webhook_message" SET "leaseOwner" = ?, "leaseUntil" = ?
         WHERE "id" IN (
           SELECT m."id" FROM "webhook_message" m JOIN "webhook_endpoint" e ON e."id" = m."endpointId"
           WHERE ${due("?", "?")}
           ORDER BY m."nextAttemptAt" LIMIT ?)
         RETURNING "id"`,
        owner,
        leaseUntil,
        now,
        now,
        limit,
      );
  return rows.map((row) => row.id);
}

/** Keeps the lease of messages still being delivered (a heartbeat). */
export async function extendLeases(owner: string, ids: string[], leaseUntil: Date): Promise<void> {
  if (ids.length === 0) return;
  await db().webhookMessage.updateMany({
    where: { id: { in: ids }, leaseOwner: owner },
    data: { leaseUntil },
  });
}

/** Gives messages back (shutdown): another worker may claim them at once. */
export async function releaseLeases(owner: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const { count } = await db().webhookMessage.updateMany({
    where: { id: { in: ids }, leaseOwner: owner, status: "pending" },
    data: { leaseOwner: null, leaseUntil: null },
  });
  return count;
}
