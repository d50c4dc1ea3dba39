import "server-only";
import { db, isPostgresUrl } from "./client";

// Work shared by any number of workers (instances) through leases on its rows: a row is due when
// it is pending, its time has come and its lease (if any) has run out — its holder died. Claiming
// is atomic: on PostgreSQL the candidate rows are locked with FOR UPDATE SKIP LOCKED (a row another
// worker is claiming is skipped, not waited for); on SQLite the one UPDATE … RETURNING runs alone
// (SQLite serialises writers) and its condition is the lease. The table needs the columns "id",
// "status", "nextAttemptAt", "leaseOwner" and "leaseUntil".

export type LeasedRows = {
  /** Claims up to `limit` due rows for `owner` until `leaseUntil`; returns their ids. */
  claim: (owner: string, limit: number, now: Date, leaseUntil: Date) => Promise<string[]>;
  /** Keeps the lease of rows still being worked on (a heartbeat). */
  extend: (owner: string, ids: string[], leaseUntil: Date) => Promise<void>;
  /** Gives pending rows back (shutdown): another worker may claim them at once. */
  release: (owner: string, ids: string[]) => Promise<number>;
};

export function leasedRows(spec: {
  table: string;
  /** A join the claim also requires, on the claimed row `r`, e.g. the row's parent being enabled. */
  join?: { sql: string; condition: string };
}): LeasedRows {
  const table = `"${spec.table}"`;
  const join = spec.join ? ` ${spec.join.sql}` : "";
  const extra = spec.join ? ` AND ${spec.join.condition}` : "";
  const due = (now: string, again: string) =>
    `r."status" = 'pending' AND r."nextAttemptAt" <= ${now}
     AND (r."leaseUntil" IS NULL OR r."leaseUntil" < ${again})${extra}`;
  const postgresClaim = `UPDATE ${table} SET "leaseOwner" = $1, "leaseUntil" = $2
     WHERE "id" IN (
       SELECT r."id" FROM ${table} r${join} WHERE ${due("$3", "$3")}
       ORDER BY r."nextAttemptAt" LIMIT $4
       FOR UPDATE OF r SKIP LOCKED)
     RETURNING "id"`;
  // SQLite: whether anything is due, first. A read takes no lock, while an UPDATE takes the
  // database's one write lock even when it changes nothing: an idle worker polling several times
  // a second would contend with every other writer, and wait (on the event loop, up to the busy
  // timeout) whenever another process — the CLI, a backup — holds the lock.
  const sqliteDue = `SELECT 1 FROM ${table} r${join} WHERE ${due("?", "?")} LIMIT 1`;
  const sqliteClaim = `UPDATE ${table} SET "leaseOwner" = ?, "leaseUntil" = ?
     WHERE "id" IN (
       SELECT r."id" FROM ${table} r${join} WHERE ${due("?", "?")}
       ORDER BY r."nextAttemptAt" LIMIT ?)
     RETURNING "id"`;
  /** `$1, $2…` on PostgreSQL, `?` on SQLite, for `count` values after `skip` others. */
  const marks = (count: number, skip: number) =>
    Array.from({ length: count }, (_, i) => (isPostgresUrl() ? `$${i + 1 + skip}` : "?")).join(", ");
  const mark = (n: number) => (isPostgresUrl() ? `$${n}` : "?");
  return {
    async claim(owner, limit, now, leaseUntil) {
      if (limit <= 0) return [];
      if (isPostgresUrl())
        return (
          await db().$queryRawUnsafe<{ id: string }[]>(postgresClaim, owner, leaseUntil, now, limit)
        ).map((row) => row.id);
      if ((await db().$queryRawUnsafe<unknown[]>(sqliteDue, now, now)).length === 0) return [];
      const rows = await db().$queryRawUnsafe<{ id: string }[]>(
        sqliteClaim,
        owner,
        leaseUntil,
        now,
        now,
        limit,
      );
      return rows.map((row) => row.id);
    },
    async extend(owner, ids, leaseUntil) {
      if (ids.length === 0) return;
      await db().$executeRawUnsafe(
        `UPDATE ${table} SET "leaseUntil" = ${mark(1)} WHERE "leaseOwner" = ${mark(2)} AND "id" IN (${marks(ids.length, 2)})`,
        leaseUntil,
        owner,
        ...ids,
      );
    },
    async release(owner, ids) {
      if (ids.length === 0) return 0;
      return db().$executeRawUnsafe(
        `UPDATE ${table} SET "leaseOwner" = NULL, "leaseUntil" = NULL
         WHERE "leaseOwner" = ${mark(1)} AND "status" = 'pending' AND "id" IN (${marks(ids.length, 1)})`,
        owner,
        ...ids,
      );
    },
  };
}
