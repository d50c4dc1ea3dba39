import { readdirSync } from "node:fs";
import path from "node:path";
import { db, isDatabaseUnavailable } from "../db";
import { config } from "../config";

// Readiness (GET /v1/ready): the database answers and every migration shipped with this version
// has been applied. A load balancer sends traffic only to a ready instance; liveness
// (GET /v1/health) says only that the process answers.

export type Readiness = {
  ready: boolean;
  database: "ok" | "unavailable";
  migrations: "ok" | "pending" | "unknown";
  /** Versions shipped with this build that the database has not applied. */
  pending?: string[];
};

const CHECK_TIMEOUT_MS = 2_000;

const shipped = new Map<string, string[]>();

/** The migration versions in `dir` (file names start with their version). */
function shippedVersions(dir: string): string[] {
  let versions = shipped.get(dir);
  if (!versions) {
    versions = readdirSync(dir)
      .map((name) => /^(\d+).*\.sql$/.exec(name)?.[1])
      .filter((v): v is string => v !== undefined);
    shipped.set(dir, versions);
  }
  return versions;
}

class TimeoutError extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** `migrationsDir`: the folder holding `sqlite/` and `postgres/` (prisma/migrations). */
export async function readiness(migrationsDir: string): Promise<Readiness> {
  const dir = path.join(migrationsDir, config().isPostgres ? "postgres" : "sqlite");
  let applied: Set<string>;
  try {
    const rows = await withTimeout(
      db().$queryRawUnsafe<{ version: string }[]>('SELECT version FROM "schema_migrations"'),
      CHECK_TIMEOUT_MS,
    );
    applied = new Set(rows.map((row) => String(row.version)));
  } catch (error) {
    // No answer in time, or no connection: the database is not there. Any other error (no
    // migrations table) means it answers but was never migrated.
    if (error instanceof TimeoutError || isDatabaseUnavailable(error))
      return { ready: false, database: "unavailable", migrations: "unknown" };
    return { ready: false, database: "ok", migrations: "pending", pending: shippedVersions(dir) };
  }
  const pending = shippedVersions(dir).filter((version) => !applied.has(version));
  return pending.length
    ? { ready: false, database: "ok", migrations: "pending", pending }
    : { ready: true, database: "ok", migrations: "ok" };
}
