// Integration tests run the same suites on the embedded SQLite default and on PostgreSQL.
// Each suite gets a fresh, migrated database of its own; lib/db's process-wide client is
// pointed at it through DATABASE_URL.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import { closeDb } from "@/lib/db";
import { discardBatchedWriters } from "@/lib/db/batched-writer";
import { clearProcessSingletons } from "@/lib/db/singleton";
import { migrate } from "../scripts/migrate.mjs";
import { startPostgres, type PostgresServer } from "../scripts/pg-server.mjs";

export type DatabaseKind = "sqlite" | "postgres";
export const DATABASE_KINDS: DatabaseKind[] = ["sqlite", "postgres"];

let pg: PostgresServer | null = null;
const TEST_MASTER_KEY = randomBytes(32).toString("base64");

function postgresServer(): PostgresServer {
  if (!pg) {
    // A random port may be taken by another suite's server on a busy machine: try a few.
    for (let attempt = 1; !pg; attempt++) {
      try {
        pg = startPostgres({ port: 56000 + Math.floor(Math.random() * 2000) });
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
    process.once("exit", () => pg?.stop());
  }
  return pg;
}

/** Drops process-wide singletons (database client, auth, caches) so the next use reconnects. */
export async function resetProcessState(): Promise<void> {
  // Counters batched for the previous database are neither written later into the next one nor
  // allowed to reconnect to the previous one from a timer.
  discardBatchedWriters();
  await closeDb();
  clearProcessSingletons();
  const store = globalThis as unknown as Record<symbol, unknown>;
  for (const key of Object.getOwnPropertySymbols(store)) {
    if (key.description?.startsWith("workbench.")) delete store[key];
  }
}

/** A new, empty (not migrated) database of the kind; returns its URL. */
export function emptyDatabase(kind: DatabaseKind): string {
  if (kind === "sqlite") {
    const dir = path.resolve(__dirname, "../.tmp/integration");
    mkdirSync(dir, { recursive: true });
    return `file:${path.join(dir, `${randomUUID()}.db`)}`;
  }
  return postgresServer().createDatabase(`wb_${randomUUID().replace(/-/g, "").slice(0, 16)}`);
}

/** Creates and migrates a fresh database of the kind, and makes it the process's database. */
export async function useFreshDatabase(kind: DatabaseKind): Promise<string> {
  await resetProcessState();
  const url = emptyDatabase(kind);
  await migrate(url, { quiet: true });
  process.env.DATABASE_URL = url;
  // A timer of the previous database's services (a batched writer, a cache poller) may have
  // reconnected to it while this one was migrated: drop that connection so db() is this database.
  await resetProcessState();
  // Every instance shares one master key from the environment, as on any PostgreSQL deployment;
  // API processes these tests spawn inherit it.
  process.env.WORKBENCH_ENCRYPTION_KEY ??= TEST_MASTER_KEY;
  return url;
}

export function stopPostgres(): void {
  pg?.stop();
  pg = null;
}
