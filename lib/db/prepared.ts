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
      /**
       * Waits for Prisma's transaction lock on the connection and begins a transaction under it
       * (Prisma's adapter runs its interactive transactions one at a time on the one
       * connection); the returned function releases the lock once committed or rolled back.
       */
      begin: () => Promise<() => void>;
    }
  | { dialect: "postgres"; pool: Pool };

export type Dialect = PreparedDriver["dialect"];

type DriverState = {
  driver: PreparedDriver | null;
  /** Per SQLite connection (Prisma reconnects after a disconnect). */
  statements: WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>;
  /** SQLite writes waiting for the next group commit (see `preparedTransaction`). */
  queued: Queued[];
};

function state(): DriverState {
  return processSingleton<DriverState>("db.prepared", () => ({
    driver: null,
    statements: new WeakMap(),
    queued: [],
  }));
}

export function registerPreparedDriver(driver: PreparedDriver | null): void {
  state().driver = driver;
}

/**
 * A statement written once with PostgreSQL's `$1…$n` placeholders and double-quoted
 * identifiers (both databases read those); for SQLite the placeholders become `?`.
 */
export type PreparedQuery = {
  name: string;
  postgres: string;
  sqlite: string;
  order: number[];
  /** See `PlanOptions`. */
  planPerCall?: boolean;
};

export type PlanOptions = {
  /**
   * PostgreSQL plans the statement on every call with its arguments (an unnamed statement), as
   * it plans Prisma's queries. A named statement may get, after its first runs, one plan made
   * for any arguments, which guesses how many rows a search pattern matches (0.5 % per LIKE):
   * for a statement whose best plan depends on that, the guess can be far off.
   */
  planPerCall?: boolean;
};

export function preparedQuery(name: string, text: string, { planPerCall }: PlanOptions = {}): PreparedQuery {
  const order: number[] = [];
  const sqlite = text.replace(/\$(\d+)/g, (_, n: string) => {
    order.push(Number(n) - 1);
    return "?";
  });
  return { name, postgres: text, sqlite, order, ...(planPerCall ? { planPerCall } : {}) };
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
 * `ORDER BY` the table's own columns, each named with its table: a bare name would be the output
 * column of `selectColumns`, which for a date on PostgreSQL is the UTC conversion — an expression
 * no index orders, so every page would sort all of its rows.
 */
export function orderBy(
  table: string,
  terms: readonly (readonly [column: string, direction: string])[],
): string {
  return `ORDER BY ${terms.map(([column, direction]) => `"${table}"."${column}" ${direction}`).join(", ")}`;
}

// ---- JSON written by the database ------------------------------------------------------------
//
// A list's page as the JSON text of its rows, written by the database: one string per row
// instead of a JavaScript object per row, a Date per timestamp, a view object and then
// JSON.stringify (in a microbenchmark of the /v1 cards page: ≈55 µs instead of ≈100 µs for 20
// rows on SQLite). PostgREST serves its reads the same way.

/**
 * A key of a view's JSON object and where its value comes from: a column as it is, a timestamp
 * column as `Date#toISOString` writes it, or a column kept when it is one of `oneOf` and
 * `otherwise` when not.
 */
export type JsonField =
  | { key: string; column: string; timestamp?: true }
  | { key: string; column: string; oneOf: readonly string[]; otherwise: string };

const sqlText = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The SQL of one row's JSON object text, compact and with its keys in the order given: what
 * JSON.stringify writes for the view (`null` for NULL). Columns are named with `table`.
 */
export function jsonObjectSql(dialect: Dialect, table: string, fields: readonly JsonField[]): string {
  const values = fields.map((field) => {
    const column = `"${table}"."${field.column}"`;
    if ("oneOf" in field)
      return `CASE WHEN ${column} IN (${field.oneOf.map(sqlText).join(", ")}) THEN ${column} ELSE ${sqlText(field.otherwise)} END`;
    if (!field.timestamp) return column;
    // PostgreSQL: TIMESTAMP(3) holding UTC wall time (see postgresArgs).
    if (dialect === "postgres") return `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    // SQLite: Prisma writes "YYYY-MM-DDTHH:MM:SS.sss+00:00", taken apart as text (strftime costs
    // ≈1 µs a row); SQL's CURRENT_TIMESTAMP writes "YYYY-MM-DD HH:MM:SS", which strftime reads as UTC.
    return (
      `CASE WHEN substr(${column}, 24) = '+00:00' THEN substr(${column}, 1, 23) || 'Z' ` +
      `ELSE strftime('%Y-%m-%dT%H:%M:%fZ', ${column}) END`
    );
  });
  if (dialect === "sqlite")
    return `json_object(${fields.map((field, i) => `${sqlText(field.key)}, ${values[i]}`).join(", ")})`;
  // json_build_object writes `"key" : value`; this writes what JSON.stringify does.
  const parts = fields.map(
    (field, i) =>
      `${sqlText(`${i === 0 ? "{" : ","}${JSON.stringify(field.key)}:`)} || COALESCE(to_json(${values[i]})::text, 'null')`,
  );
  return `${parts.join(" || ")} || '}'`;
}

/** JSON text already written, e.g. by the database: the API sends it as it is. */
export class JsonText {
  constructor(readonly text: string) {}
}

/** The page `{"data":[…],"nextCursor":…}` of rows read one more than `limit`, each with its JSON. */
export function jsonPage(rows: readonly { id: string; json: string }[], limit: number): string {
  const count = Math.min(rows.length, limit);
  let text = '{"data":[';
  for (let i = 0; i < count; i++) text += i === 0 ? rows[i].json : `,${rows[i].json}`;
  const next = rows.length > limit ? JSON.stringify(rows[count - 1].id) : "null";
  return `${text}],"nextCursor":${next}}`;
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

/** The driver, registering it first if the Prisma client does not exist yet. */
async function driver(): Promise<PreparedDriver> {
  const s = state();
  // The driver is registered when the Prisma client is created (lib/db/client.ts).
  if (!s.driver) (await import("./client")).db();
  if (!s.driver) throw new Error("No database driver registered for prepared statements");
  return s.driver;
}

function sqliteStatement(
  s: DriverState,
  connection: BetterSqlite3.Database,
  query: PreparedQuery,
): BetterSqlite3.Statement {
  let statements = s.statements.get(connection);
  if (!statements) s.statements.set(connection, (statements = new Map()));
  let statement = statements.get(query.name);
  if (!statement) {
    statement = connection.prepare(query.sqlite).safeIntegers(false);
    statements.set(query.name, statement);
  }
  return statement;
}

/** Arguments as each driver stores Prisma's values: dates as Prisma writes them, booleans as 0/1 on SQLite. */
function sqliteArgs(query: PreparedQuery, args: readonly unknown[]): unknown[] {
  return query.order.map((i) => {
    const value = args[i];
    if (value instanceof Date) return `${value.toISOString().slice(0, -1)}+00:00`;
    if (typeof value === "boolean") return value ? 1 : 0;
    return value === undefined ? null : value;
  });
}

function postgresArgs(args: readonly unknown[]): unknown[] {
  // The columns are TIMESTAMP(3) without a zone holding UTC: the UTC wall time, never the
  // server's local time (which pg would send for a Date).
  return args.map((value) =>
    value instanceof Date ? value.toISOString().slice(0, -1) : value === undefined ? null : value,
  );
}

function sqliteRows<Row>(rows: Record<string, unknown>[], dates: readonly string[]): Row[] {
  if (dates.length)
    for (const row of rows)
      for (const column of dates) if (row[column] !== null) row[column] = sqliteDate(row[column]);
  return rows as Row[];
}

/**
 * Runs a prepared read; date columns come back as Date (null stays null), like Prisma's. A query written per
 * dialect (`dialectQuery`) is built once the driver, hence the dialect, is known.
 */
export async function queryRows<Row>(
  prepared: PreparedQuery | (() => PreparedQuery),
  args: readonly unknown[],
  dates: readonly string[] = [],
): Promise<Row[]> {
  const s = state();
  const d = s.driver ?? (await driver()); // no await once registered (every call but the first)
  const query = typeof prepared === "function" ? prepared() : prepared;
  if (d.dialect === "postgres") {
    const name = query.planPerCall ? undefined : query.name;
    const result = await d.pool.query({ name, text: query.postgres, values: postgresArgs(args) });
    return result.rows as Row[];
  }
  const connection = d.current() ?? (await d.connection());
  const statement = sqliteStatement(s, connection, query);
  return sqliteRows<Row>(statement.all(...sqliteArgs(query, args)) as Record<string, unknown>[], dates);
}

/** `queryRows` of a read that answers one row at most (by a unique key): the row, or null. */
export async function queryRow<Row>(
  prepared: PreparedQuery | (() => PreparedQuery),
  args: readonly unknown[],
  dates: readonly string[] = [],
): Promise<Row | null> {
  const s = state();
  const d = s.driver;
  if (d?.dialect !== "sqlite") return (await queryRows<Row>(prepared, args, dates))[0] ?? null;
  const connection = d.current() ?? (await d.connection());
  const query = typeof prepared === "function" ? prepared() : prepared;
  // `get` stops at the first row: no array, and no second step looking for another.
  const row = sqliteStatement(s, connection, query).get(...sqliteArgs(query, args)) as
    Record<string, unknown> | undefined;
  return row === undefined ? null : sqliteRows<Row>([row], dates)[0];
}

/** A query written per dialect, built once per dialect (named `name` on PostgreSQL). */
export function dialectQuery(name: string, text: (dialect: Dialect) => string): () => PreparedQuery {
  const built = new Map<Dialect, PreparedQuery>();
  return () => {
    const dialect = preparedDialect() ?? "sqlite";
    let query = built.get(dialect);
    if (!query) built.set(dialect, (query = preparedQuery(name, text(dialect))));
    return query;
  };
}

/**
 * A module's statements whose text depends on the request (its filters, its order): each
 * variant is built on first use for the driver's dialect and kept, named `prefix.name` — the
 * name spells out the variant, so on PostgreSQL each one is a named statement of its own.
 */
export function statementCache(
  prefix: string,
): (name: string, text: (dialect: Dialect) => string, options?: PlanOptions) => PreparedQuery {
  // One map per dialect, looked up by the name as given: no key string built per call.
  const built: Record<Dialect, Map<string, PreparedQuery>> = { sqlite: new Map(), postgres: new Map() };
  return (name, text, options) => {
    const dialect = preparedDialect() ?? "sqlite";
    const statements = built[dialect];
    let query = statements.get(name);
    if (!query) statements.set(name, (query = preparedQuery(`${prefix}.${name}`, text(dialect), options)));
    return query;
  };
}

/** Runs a `SELECT COUNT(*) AS "total"` statement; PostgreSQL's COUNT is a bigint, which pg answers as text. */
export async function queryCount(
  query: PreparedQuery | (() => PreparedQuery),
  args: readonly unknown[],
): Promise<number> {
  const [row] = await queryRows<{ total: number | string }>(query, args);
  return Number(row?.total ?? 0);
}

// ---- text search -------------------------------------------------------------------------
//
// Prisma's `contains` and `startsWith` put the text into a LIKE pattern as it is, so a `%` or
// `_` typed into a search is a wildcard there ("g_A" finds "billing API"). The prepared reads
// escape them with `\` (`ESCAPE '\'`): a search finds the text it was given.

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `%text%` for LIKE with its own wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** `text%` for LIKE with its own wildcards taken literally. */
export function prefixPattern(text: string): string {
  return `${escapeLike(text)}%`;
}

/**
 * `column` LIKE a pattern of `containsPattern` / `prefixPattern`. SQLite's LIKE ignores ASCII
 * case and PostgreSQL's does not, as Prisma's `startsWith`; `anyCase` makes it ILIKE on
 * PostgreSQL, as `containsText` (Prisma's `contains` with mode "insensitive").
 */
export function likePattern(dialect: Dialect, column: string, placeholder: string, anyCase: boolean): string {
  return `"${column}" ${anyCase && dialect === "postgres" ? "ILIKE" : "LIKE"} ${placeholder} ESCAPE '\\'`;
}

// ---- transactions ------------------------------------------------------------------------
//
// A write of several statements (a row, its audit entry, its event and webhook messages) as
// one transaction of prepared statements. The work is a generator that yields its statements
// (`yield* rows(…)`, `yield* execute(…)`): on SQLite the whole transaction then runs
// synchronously, so nothing else in the process can run a statement inside it; on PostgreSQL
// each statement is awaited on one pooled connection.

export type Step =
  | { kind: "rows"; query: PreparedQuery; args: readonly unknown[]; dates: readonly string[] }
  | { kind: "execute"; query: PreparedQuery; args: readonly unknown[] }
  | { kind: "afterCommit"; run: () => void };

export type TransactionWork<T> = Generator<Step, T, unknown>;

/** In a prepared transaction: the rows a statement returns (SELECT, or INSERT … RETURNING). */
export function* rows<Row>(
  query: PreparedQuery,
  args: readonly unknown[],
  dates: readonly string[] = [],
): TransactionWork<Row[]> {
  return (yield { kind: "rows", query, args, dates }) as Row[];
}

/** In a prepared transaction: runs a statement; returns the number of rows it changed. */
export function* execute(query: PreparedQuery, args: readonly unknown[]): TransactionWork<number> {
  return (yield { kind: "execute", query, args }) as number;
}

/** In a prepared transaction: `run` is called once the transaction has committed (never on a rollback). */
export function* afterCommit(run: () => void): TransactionWork<void> {
  yield { kind: "afterCommit", run };
}

/**
 * Runs `work` as one transaction of prepared statements on Prisma's own connection (SQLite) or
 * pool (PostgreSQL): everything it wrote commits together, or nothing if it throws.
 *
 * On SQLite the writes that arrive in one turn of the event loop commit together (group commit):
 * each runs inside its own savepoint of one transaction, so a write that throws is rolled back
 * alone and the others still commit, exactly as if each had its own transaction; every promise
 * settles only after the COMMIT. A commit costs SQLite a WAL write of every page the transaction
 * touched, and concurrent writes touch the same pages (the right edge of each table and index),
 * so a group writes them once instead of once per write: a microbenchmark of the write
 * benchmark's card insert (4 rows and their indexes) took ≈110 µs alone, ≈78 µs in groups of 32.
 */
export async function preparedTransaction<T>(work: () => TransactionWork<T>): Promise<T> {
  const d = state().driver ?? (await driver()); // no await once registered (every call but the first)
  if (d.dialect === "postgres") {
    const committed: (() => void)[] = [];
    const result = await postgresTransaction(d.pool, work, committed);
    for (const run of committed) run();
    return result;
  }
  return new Promise<T>((resolve, reject) => {
    const queued = state().queued;
    queued.push({ work, resolve: resolve as (value: unknown) => void, reject });
    if (queued.length === 1) setImmediate(commitQueued, d);
  });
}

type SqliteDriver = Extract<PreparedDriver, { dialect: "sqlite" }>;
type Queued = {
  work: () => TransactionWork<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

/** At most this many writes per transaction (≈5 ms of work), so no request waits long for a big group. */
const GROUP_LIMIT = 64;

async function commitQueued(d: SqliteDriver): Promise<void> {
  const queued = state().queued;
  const group = queued.splice(0, GROUP_LIMIT);
  if (queued.length) setImmediate(commitQueued, d);
  let release: (() => void) | undefined;
  try {
    const connection = d.current() ?? (await d.connection());
    // One of Prisma's interactive transactions is open on the connection (it awaits between
    // its statements): wait for it to end, as Prisma's own transactions do.
    if (connection.inTransaction) release = await d.begin();
    sqliteGroup(connection, group, !release);
  } catch (error) {
    for (const item of group) item.reject(error);
  } finally {
    release?.();
  }
}

/** Runs a group of writes in one transaction, each in a savepoint; settles each write's promise. */
function sqliteGroup(connection: BetterSqlite3.Database, group: Queued[], begin: boolean): void {
  const run = (query: PreparedQuery) => sqliteStatement(state(), connection, query).run();
  // IMMEDIATE: the write lock is taken at the start, so another process's writer cannot make
  // this transaction fail half-way with SQLITE_BUSY (it waits up to the busy timeout instead).
  if (begin) run(BEGIN);
  const alone = group.length === 1;
  const done: { item: Queued; value: unknown; committed: (() => void)[] }[] = [];
  for (const item of group) {
    const committed: (() => void)[] = [];
    try {
      if (!alone) run(SAVEPOINT);
      const value = sqliteSteps(connection, item.work(), committed);
      if (!alone) run(RELEASE);
      done.push({ item, value, committed });
    } catch (error) {
      if (!connection.inTransaction) {
        // SQLite ended the transaction itself (an I/O error, a full disk): nothing of the group
        // was written, so no write may report success.
        for (const other of group) other.reject(error);
        return;
      }
      if (alone) run(ROLLBACK);
      else {
        run(ROLLBACK_TO);
        run(RELEASE);
      }
      item.reject(error);
    }
  }
  if (connection.inTransaction) {
    try {
      run(COMMIT);
    } catch (error) {
      if (connection.inTransaction) run(ROLLBACK);
      for (const { item } of done) item.reject(error);
      return;
    }
  }
  for (const { item, value, committed } of done) {
    try {
      for (const then of committed) then();
      item.resolve(value);
    } catch (error) {
      item.reject(error);
    }
  }
}

/** Runs a write's statements in order, feeding each one's result back to the generator. */
function sqliteSteps<T>(
  connection: BetterSqlite3.Database,
  steps: TransactionWork<T>,
  committed: (() => void)[],
): T {
  let next = steps.next();
  while (!next.done) {
    const step = next.value;
    let value: unknown;
    if (step.kind === "rows") {
      const statement = sqliteStatement(state(), connection, step.query);
      value = sqliteRows(
        statement.all(...sqliteArgs(step.query, step.args)) as Record<string, unknown>[],
        step.dates,
      );
    } else if (step.kind === "execute") {
      value = sqliteStatement(state(), connection, step.query).run(
        ...sqliteArgs(step.query, step.args),
      ).changes;
    } else committed.push(step.run);
    next = steps.next(value);
  }
  return next.value;
}

const BEGIN = preparedQuery("begin", "BEGIN IMMEDIATE");
const COMMIT = preparedQuery("commit", "COMMIT");
const ROLLBACK = preparedQuery("rollback", "ROLLBACK");
const SAVEPOINT = preparedQuery("savepoint", "SAVEPOINT write");
const RELEASE = preparedQuery("release", "RELEASE write");
const ROLLBACK_TO = preparedQuery("rollback_to", "ROLLBACK TO write");

async function postgresTransaction<T>(
  pool: Pool,
  work: () => TransactionWork<T>,
  committed: (() => void)[],
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const steps = work();
    let next = steps.next();
    while (!next.done) {
      const step = next.value;
      let value: unknown;
      if (step.kind === "afterCommit") committed.push(step.run);
      else {
        const result = await client.query({
          name: step.query.name,
          text: step.query.postgres,
          values: postgresArgs(step.args),
        });
        value = step.kind === "rows" ? result.rows : (result.rowCount ?? 0);
      }
      next = steps.next(value);
    }
    await client.query("COMMIT");
    return next.value;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackFailed: unknown) => {
      // The connection is gone or broken: the pool drops it instead of reusing it.
      broken = rollbackFailed instanceof Error ? rollbackFailed : new Error(String(rollbackFailed));
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * An INSERT of `columns` (in that order as `$1…$n`), returning the row's `returning` columns
 * (dates as UTC) — the same columns a Prisma `select` of them gives.
 */
export function insertQuery(
  table: string,
  columns: readonly string[],
  returning?: { columns: readonly string[]; dates: readonly string[] },
): () => PreparedQuery {
  const names = columns.map((c) => `"${c}"`).join(", ");
  const values = columns.map((_, i) => `$${i + 1}`).join(", ");
  // PostgreSQL keeps 63 bytes of a statement's name: the column list goes in as a hash.
  let hash = 5381;
  for (const char of columns.join(",")) hash = (hash * 33 + char.charCodeAt(0)) >>> 0;
  return dialectQuery(
    `${table}.insert.${hash.toString(36)}`,
    (d) =>
      `INSERT INTO "${table}" (${names}) VALUES (${values})` +
      (returning ? ` RETURNING ${selectColumns(d, returning.columns, returning.dates)}` : ""),
  );
}
