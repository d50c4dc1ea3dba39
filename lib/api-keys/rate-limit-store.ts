import "server-only";
import { db, isPostgresUrl } from "../db";
import type { RateLimitStore, WindowDelta } from "./rate-limit";

// The shared RateLimitWindow table. Raw SQL because the batch must be one atomic
// INSERT … ON CONFLICT DO UPDATE … RETURNING (both SQLite ≥ 3.35 and PostgreSQL have it),
// which Prisma's query API cannot express for many rows at once.

const TABLE = `"rate_limit_window"`;

function placeholders(count: number, postgres: boolean, offset = 0): string[] {
  return Array.from({ length: count }, (_, i) => (postgres ? `$${offset + i + 1}` : "?"));
}

type TotalRow = { key: string; windowStart: bigint | number | string; count: bigint | number | string };

export function databaseRateLimitStore(): RateLimitStore {
  const postgres = isPostgresUrl();
  return {
    async read(key, windowStart) {
      const [a, b] = placeholders(2, postgres);
      const rows = await db().$queryRawUnsafe<{ count: bigint | number | string }[]>(
        `SELECT "count" FROM ${TABLE} WHERE "key" = ${a} AND "windowStart" = ${b}`,
        key,
        windowStart,
      );
      return rows.length ? Number(rows[0].count) : 0;
    },
    async add(deltas: WindowDelta[]) {
      const values: (string | number)[] = [];
      const tuples = deltas.map((d, i) => {
        values.push(d.key, d.windowStart, d.delta);
        return `(${placeholders(3, postgres, i * 3).join(", ")})`;
      });
      const rows = await db().$queryRawUnsafe<TotalRow[]>(
        `INSERT INTO ${TABLE} ("key", "windowStart", "count") VALUES ${tuples.join(", ")}
         ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = ${TABLE}."count" + excluded."count"
         RETURNING "key", "windowStart", "count"`,
        ...values,
      );
      return rows.map((row) => ({
        key: row.key,
        windowStart: Number(row.windowStart),
        count: Number(row.count),
      }));
    },
    async prune(olderThan) {
      const [a] = placeholders(1, postgres);
      await db().$executeRawUnsafe(`DELETE FROM ${TABLE} WHERE "windowStart" < ${a}`, olderThan);
    },
  };
}
