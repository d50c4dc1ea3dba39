import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { PrismaClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgres/client";
import { startCheckpointer, type Checkpointer } from "./checkpointer";
import { registerPreparedDriver } from "./prepared";
import { processSingleton, takeProcessSingleton } from "./singleton";
import { config } from "../config";

/** Both generated clients have the same models; the SQLite one's type stands for both. */
export type Db = PrismaClient;

export function databaseUrl(): string {
  return config().databaseUrl;
}

export function isPostgresUrl(url: string = databaseUrl()): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

type SqlDriverAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

/**
 * Prisma's SQLite adapter with its connection kept, so the prepared statements of the API's
 * hot reads (lib/db/prepared.ts) run on the same connection as Prisma's queries.
 */
function sqliteAdapter(
  url: string,
  onConnect: (connection: BetterSqlite3.Database, adapter: SqlDriverAdapter) => void,
) {
  const factory = new PrismaBetterSQLite3({ url, timeout: 10_000 });
  let checkpointer: Checkpointer | null = null;
  registerCheckpointer(() => checkpointer?.stop());
  return {
    provider: factory.provider as typeof factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      const connection = (adapter as unknown as { client: BetterSqlite3.Database }).client;
      // WAL (set by the migrations, kept in the file) with synchronous=NORMAL: a commit is
      // durable once the WAL is synced at a checkpoint, and the file is never corrupted.
      connection.pragma("synchronous = NORMAL");
      // Prisma's interactive transactions begin DEFERRED: one that reads, then writes, while
      // another connection (another instance or process on the file, the CLI) commits in
      // between cannot take the write lock and fails at once with "database is locked" — no busy
      // timeout helps a stale snapshot. IMMEDIATE takes the write lock at BEGIN, waiting its turn
      // under the busy timeout. (In this process transactions already run one at a time.)
      const prepare = connection.prepare.bind(connection);
      connection.prepare = ((source: string) =>
        prepare(source === "BEGIN" ? "BEGIN IMMEDIATE" : source)) as typeof connection.prepare;
      // Checkpoints in a worker thread, off the event loop (./checkpointer.ts).
      void checkpointer?.stop();
      checkpointer = startCheckpointer(connection);
      onConnect(connection, adapter);
      return adapter;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}

function createClient(url: string): Db {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: config().databasePoolSize,
      // While PostgreSQL is down or saturated a request fails within this time (the API answers
      // 503) instead of waiting for a connection for ever.
      connectionTimeoutMillis: 5_000,
    });
    // An idle connection the server closed (restart, failover) is dropped by the pool and
    // replaced on next use; the error needs no handling beyond that.
    pool.on("error", () => {});
    const adapter = new PrismaPg(pool, { disposeExternalPool: true });
    const client = new PostgresPrismaClient({ adapter }) as unknown as Db;
    Object.defineProperty(client, POOL, { value: pool });
    registerPreparedDriver({ dialect: "postgres", pool });
    return client;
  }
  let current: BetterSqlite3.Database | null = null;
  let adapter: SqlDriverAdapter | null = null;
  const client = new PrismaClient({
    adapter: sqliteAdapter(url, (connection, connected) => {
      current = connection;
      adapter = connected;
    }),
  });
  registerPreparedDriver({
    dialect: "sqlite",
    current: () => (current?.open ? current : null),
    connection: async () => {
      if (!current?.open) await client.$connect();
      if (!current) throw new Error("The SQLite connection did not open");
      return current;
    },
    begin: async () => {
      if (!current?.open) await client.$connect();
      if (!adapter) throw new Error("The SQLite connection did not open");
      // The adapter's own transaction: its lock, then BEGIN. Committing or rolling back is
      // the caller's statement; commit() here only releases the lock.
      const transaction = await adapter.startTransaction();
      return () => void transaction.commit();
    },
  });
  return client;
}

// The PostgreSQL client carries its pool under a registry symbol (one process may hold two copies
// of this module, see ./singleton.ts).
const POOL = Symbol.for("workbench.db.pool");

/** PostgreSQL's connection pool of this process (null on SQLite, which has one connection). */
export function databasePoolStats(): { total: number; idle: number; waiting: number } | null {
  const pool = (db() as unknown as Record<symbol, pg.Pool | undefined>)[POOL];
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
}

/** The process-wide database client. */
export function db(): Db {
  return processSingleton("db", () => createClient(databaseUrl()));
}

export async function closeDb(): Promise<void> {
  const client = takeProcessSingleton<Db>("db");
  registerPreparedDriver(null);
  // The checkpointer's connection closes first, so the serving one is the last and its close
  // folds the WAL into the database file.
  await stopCheckpointer();
  await client?.$disconnect();
}

/** Stops the SQLite checkpointer of the process's client (set when the client is created). */
function registerCheckpointer(stop: () => Promise<void> | undefined): void {
  processSingleton<{ stop: (() => Promise<void> | undefined) | null }>("db.checkpointer", () => ({
    stop: null,
  })).stop = stop;
}

async function stopCheckpointer(): Promise<void> {
  const holder = processSingleton<{ stop: (() => Promise<void> | undefined) | null }>(
    "db.checkpointer",
    () => ({ stop: null }),
  );
  const stop = holder.stop;
  holder.stop = null;
  await stop?.();
}
