import Database from "better-sqlite3";
import path from "node:path";

/** The e2e server's own SQLite file (scripts/e2e-server.mjs), for checks after a UI step. */
export function e2eDatabase() {
  return new Database(path.resolve(__dirname, "../../.tmp/e2e/workbench.db"));
}

export function count(sql: string, ...params: unknown[]): number {
  const db = e2eDatabase();
  try {
    return (db.prepare(sql).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}
