// "Unique constraint failed": Prisma's P2002, and the drivers' own for prepared statements
// (lib/db/prepared.ts): better-sqlite3's SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY, pg's 23505.
const UNIQUE_VIOLATION_CODES = new Set([
  "P2002",
  "SQLITE_CONSTRAINT_UNIQUE",
  "SQLITE_CONSTRAINT_PRIMARYKEY",
  "23505",
]);

/** A unique constraint failed: a concurrent or duplicate insert. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && UNIQUE_VIOLATION_CODES.has(code);
}

/** Runs `work`; a unique-constraint violation becomes the caller's own error (e.g. "name taken"). */
export async function onUniqueViolation<T>(work: () => Promise<T>, toError: () => Error): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw toError();
    throw error;
  }
}

/** Prisma's "record to update or delete does not exist" (P2025). */
export function isNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2025";
}

// The database is down, restarting or out of connections: the request may succeed if retried in
// a few seconds (the API answers 503 + Retry-After, the console a "database unavailable" page).
const UNAVAILABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
const UNAVAILABLE_CODES = new Set([
  // Prisma: can't reach the server, timed out, server closed the connection, pool timeout.
  "P1001",
  "P1002",
  "P1017",
  "P2024",
  // Node sockets.
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  // PostgreSQL: shutting down, starting up, connection failures, too many connections.
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "53300",
  // SQLite: another writer held the lock past the busy timeout.
  "SQLITE_BUSY",
  "SQLITE_BUSY_SNAPSHOT",
  "SQLITE_LOCKED",
]);
const UNAVAILABLE_MESSAGE =
  /connection terminated|timeout exceeded when trying to connect|can't reach database server|server has closed the connection|the database system is (shutting down|starting up)|database is locked|terminating connection due to administrator command/i;

/** Whether `error` (or one of its causes) says the database cannot be reached right now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === "object" && current !== null; depth++) {
    const e = current as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown };
    if (typeof e.kind === "string" && UNAVAILABLE_KINDS.has(e.kind)) return true;
    if (typeof e.code === "string" && UNAVAILABLE_CODES.has(e.code)) return true;
    if (e.kind === "postgres" && typeof e.code === "string" && UNAVAILABLE_CODES.has(e.code)) return true;
    if (typeof e.message === "string" && UNAVAILABLE_MESSAGE.test(e.message)) return true;
    current = e.cause;
  }
  return false;
}

/** Seconds a client should wait before retrying when the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;
