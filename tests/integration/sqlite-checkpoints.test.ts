// The embedded database's WAL checkpoints run in a worker thread, never inside a commit on the
// event loop (lib/db/checkpointer.ts): the serving connection has automatic checkpoints off,
// the WAL still reaches the database file while the server runs, and a clean close folds it in.
import { existsSync, statSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db";
import { preparedQuery, queryRows } from "@/lib/db/prepared";
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
