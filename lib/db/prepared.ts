import "server-only";
import type BetterSqlite3 from "better-sqlite3";
import type { Pool } from "pg";
import { processSingleton } from "./singleton";

// Prepared statements of the database driver, for the API's hot reads. Prisma's query
// compiler costs ~0.4 ms of CPU per query (compiling the query plan, then preparing the SQL
// again on every call); a prepared statement of better-sqlite3 / a named statement of pg
// skips both. The statements run on Prisma's own connection (SQLite) or pool (PostgreSQL),
// so they see exactly what Prisma sees. The resource modules (lib/api-resources/*) define
// their columns once and derive both the Prisma `select` and these statements from them.

/** What a prepared statement runs on; client.ts registers it when it creates the Prisma client. */
export type PreparedDriver =
  | {
      dialect: "sqlite";
      /** The open connection, or null before Prisma has connected. */
      current: () => BetterSqlite3.Database | null;
      connection: () => Promise<BetterSqlite3.Database>;
    }
  | { dialect: "postgres"; pool: Pool };

export type Dialect = PreparedDriver["dialect"];

type DriverState = {
  driver: PreparedDriver | null;
  /** Per SQLite connection (Prisma reconnects after a disconnect). */
  statements: WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>;
};

function state(): DriverState {
  return processSingleton<DriverState>("db.prepared", () => ({ driver: null, statements: new WeakMap() }));
}

export function registerPreparedDriver(driver: PreparedDriver | null): void {
  state().driver = driver;
}

/**
 * A statement written once with PostgreSQL's `$1…$n` placeholders and double-quoted
 * identifiers (both databases read those); for SQLite the placeholders become `?`.
 */
export type PreparedQuery = { name: string; postgres: string; sqlite: string; order: number[] };

export function preparedQuery(name: string, text: string): PreparedQuery {
  const order: number[] = [];
  const sqlite = text.replace(/\$(\d+)/g, (_, n: string) => {
    order.push(Number(n) - 1);
    return "?";
  });
  return { name, postgres: text, sqlite, order };
}

/** A column list: each column under its field name; date columns as UTC timestamps. */
export function selectColumns(
  dialect: Dialect,
  columns: readonly string[],
  dates: readonly string[] = [],
  alias?: string,
): string {
  const prefix = alias ? `${alias}.` : "";
  return columns
    .map((column) =>
      dialect === "postgres" && dates.includes(column)
        ? `${prefix}"${column}" AT TIME ZONE 'UTC' AS "${column}"`
        : `${prefix}"${column}"`,
    )
    .join(", ");
}

/**
 * SQLite keeps Prisma's DateTime as ISO 8601 text ("…T…+00:00"); a row written by SQL's
 * CURRENT_TIMESTAMP has "YYYY-MM-DD HH:MM:SS", which is UTC as well.
 */
function sqliteDate(value: unknown): Date {
  if (typeof value === "number") return new Date(value);
  const text = String(value);
  return new Date(
    /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(text) ? `${text.replace(" ", "T")}Z` : text,
  );
}

/** The driver, or null before the Prisma client exists (the callers then use Prisma). */
export function preparedDialect(): Dialect | null {
  return state().driver?.dialect ?? null;
}

/** Runs a prepared read; date columns come back as Date, like Prisma's. */
export async function queryRows<Row>(
  query: PreparedQuery,
  args: readonly unknown[],
  dates: readonly string[] = [],
): Promise<Row[]> {
  const s = state();
  // The driver is registered when the Prisma client is created (lib/db/client.ts).
  if (!s.driver) (await import("./client")).db();
  const driver = s.driver;
  if (!driver) throw new Error("No database driver registered for prepared statements");
  if (driver.dialect === "postgres") {
    const result = await driver.pool.query({ name: query.name, text: query.postgres, values: [...args] });
    return result.rows as Row[];
  }
  const connection = driver.current() ?? (await driver.connection());
  let statements = s.statements.get(connection);
  if (!statements) s.statements.set(connection, (statements = new Map()));
  let statement = statements.get(query.name);
  if (!statement) {
    statement = connection.prepare(query.sqlite).safeIntegers(false);
    statements.set(query.name, statement);
  }
  const rows = statement.all(...query.order.map((i) => args[i])) as Record<string, unknown>[];
  if (dates.length) for (const row of rows) for (const column of dates) row[column] = sqliteDate(row[column]);
  return rows as Row[];
}
