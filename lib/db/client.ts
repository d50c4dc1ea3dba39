import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type BetterSqlite3 from "better-sqlite3";
import { Pool } from "pg";
import { PrismaClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgres/client";
import { registerPreparedDriver } from "./prepared";
import { processSingleton } from "./singleton";
import { config } from "../config";

/** Both generated clients have the same models; the SQLite one's type stands for both. */
export type Db = PrismaClient;

export function databaseUrl(): string {
  return config().databaseUrl;
}

export function isPostgresUrl(url: string = databaseUrl()): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * Prisma's SQLite adapter with its connection kept, so the prepared statements of the API's
 * hot reads (lib/db/prepared.ts) run on the same connection as Prisma's queries.
 */
function sqliteAdapter(url: string, onConnect: (connection: BetterSqlite3.Database) => void) {
  const factory = new PrismaBetterSQLite3({ url, timeout: 10_000 });
  return {
    provider: factory.provider as typeof factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      const connection = (adapter as unknown as { client: BetterSqlite3.Database }).client;
      // WAL (set by the migrations, kept in the file) with synchronous=NORMAL: a commit is
      // durable once the WAL is synced at a checkpoint, and the file is never corrupted.
      connection.pragma("synchronous = NORMAL");
      connection.pragma("cache_size = -32000"); // 32 MB of page cache
      onConnect(connection);
      return adapter;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}

function createClient(url: string): Db {
  if (isPostgresUrl(url)) {
    const pool = new Pool({ connectionString: url, max: config().databasePoolSize });
    const adapter = new PrismaPg(pool, { disposeExternalPool: true });
    const client = new PostgresPrismaClient({ adapter }) as unknown as Db;
    registerPreparedDriver({ dialect: "postgres", pool });
    return client;
  }
  let current: BetterSqlite3.Database | null = null;
  const client = new PrismaClient({
    adapter: sqliteAdapter(url, (connection) => {
      current = connection;
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
  });
  return client;
}

/** The process-wide database client. */
export function db(): Db {
  return processSingleton("db", () => createClient(databaseUrl()));
}

export async function closeDb(): Promise<void> {
  const key = Symbol.for("workbench.db");
  const store = globalThis as unknown as Record<symbol, Db | undefined>;
  const client = store[key];
  store[key] = undefined;
  registerPreparedDriver(null);
  await client?.$disconnect();
}
