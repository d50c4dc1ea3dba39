// The embedded database's serving connection (lib/db/client.ts): its WAL checkpoints run in a
// worker thread, never inside a commit on the event loop (lib/db/checkpointer.ts) — automatic
// checkpoints are off, the WAL still reaches the database file while the server runs, and a
// clean close folds it in; and its transactions take the write lock when they begin, so another
// connection's commit in the middle of one cannot fail it.
import { existsSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db";
import { preparedQuery, queryRows } from "@/lib/db/prepared";
import { claimDue } from "@/lib/webhooks/delivery/claim";
import { resetProcessState, useFreshDatabase } from "@/test-support/test-database";

afterAll(() => resetProcessState());

const fileOf = (url: string) => url.replace(/^file:/, "");
const size = (file: string) => (existsSync(file) ? statSync(file).size : 0);

it("checkpoints off the event loop: the WAL reaches the file while serving, and is folded in on close", async () => {
  const url = await useFreshDatabase("sqlite");
  const file = fileOf(url);
  await db().$executeRawUnsafe(`CREATE TABLE "scratch" ("id" INTEGER PRIMARY KEY, "body" TEXT NOT NULL)`);
  // The serving connection (the one prepared statements share with Prisma) never checkpoints
  // by itself…
  expect(await queryRows(preparedQuery("test.autocheckpoint", "PRAGMA wal_autocheckpoint"), [])).toEqual([
    { wal_autocheckpoint: 0 },
  ]);
  const before = size(file);
  // …yet 8 MB written in 2,000 commits (SQLite's own limit would checkpoint every 1,000 pages,
  // 4 MB) reaches the database file: the worker copied the WAL back.
  const insert = preparedQuery("test.scratch", `INSERT INTO "scratch" ("body") VALUES ($1) RETURNING "id"`);
  const body = "x".repeat(4_000);
  for (let i = 0; i < 2_000; i++) await queryRows(insert, [body]);
  const deadline = Date.now() + 5_000;
  while (size(file) - before < 7_000_000 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  expect(size(file) - before).toBeGreaterThanOrEqual(7_000_000);
  // A clean close leaves no WAL behind: the serving connection closed last and folded it in.
  await closeDb();
  expect(size(`${file}-wal`)).toBe(0);
  expect(await db().$queryRawUnsafe<{ n: bigint }[]>(`SELECT COUNT(*) AS "n" FROM "scratch"`)).toEqual([
    { n: 2000n },
  ]);
});

it("a transaction that reads, then writes, is not failed by another connection's commit in between", async () => {
  const url = await useFreshDatabase("sqlite");
  await db().$executeRawUnsafe(`CREATE TABLE "counter" ("id" INTEGER PRIMARY KEY, "n" INTEGER NOT NULL)`);
  await db().$executeRawUnsafe(`INSERT INTO "counter" ("id", "n") VALUES (1, 0)`);
  // Another process's connection to the same file (no busy wait: it is on this thread).
  const other = new Database(fileOf(url), { timeout: 0 });
  let otherWrite = "";
  try {
    await db().$transaction(async (tx) => {
      const [row] = await tx.$queryRawUnsafe<{ n: bigint | number }[]>(
        `SELECT "n" FROM "counter" WHERE "id" = 1`,
      );
      try {
        other.prepare(`UPDATE "counter" SET "n" = 100 WHERE "id" = 1`).run();
        otherWrite = "committed";
      } catch (error) {
        otherWrite = (error as { code?: string }).code ?? String(error);
      }
      await tx.$executeRawUnsafe(`UPDATE "counter" SET "n" = ? WHERE "id" = 1`, Number(row.n) + 1);
    });
    // The other connection had to wait its turn; the transaction's write stands.
    expect(otherWrite).toBe("SQLITE_BUSY");
    expect(await db().$queryRawUnsafe(`SELECT "n" FROM "counter" WHERE "id" = 1`)).toEqual([{ n: 1 }]);
  } finally {
    other.close();
  }
});

it("an idle claim poll takes no write lock: it answers while another process holds the lock", async () => {
  const url = await useFreshDatabase("sqlite");
  const now = new Date();
  const lease = new Date(now.getTime() + 60_000);
  // Another process in the middle of a write (the CLI, a backup): it holds the one write lock.
  const other = new Database(fileOf(url), { timeout: 0 });
  other.prepare("BEGIN IMMEDIATE").run();
  try {
    // An UPDATE would wait for the lock, blocking the event loop up to the busy timeout, then
    // fail with SQLITE_BUSY; with nothing due the poll only reads.
    expect(await claimDue("idle-worker", 8, now, lease)).toEqual([]);
    expect(other.inTransaction).toBe(true);
  } finally {
    other.prepare("ROLLBACK").run();
    other.close();
  }
});
