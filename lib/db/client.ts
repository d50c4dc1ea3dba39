import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgres/client";
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

function createClient(url: string): Db {
  if (isPostgresUrl(url)) {
    const adapter = new PrismaPg({
      connectionString: url,
      max: config().databasePoolSize,
    });
    return new PostgresPrismaClient({ adapter }) as unknown as Db;
  }
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 10_000 }) });
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
  await client?.$disconnect();
}
