// Measures the database bookkeeping of analytics exports: the bytes one `analytics_batch` row
// takes (table and indexes together) on SQLite and on PostgreSQL, from 10,000 exported batches
// shaped as the exporter writes them. Events get no bookkeeping of their own (the batch names a
// range of ids), so the cost per event is the batch's cost over its events.
//   npx tsx --conditions=react-server scripts/measure-analytics-storage.ts
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { migrate } from "./migrate.mjs";
import { startPostgres } from "./pg-server.mjs";

const ROWS = 10_000;
const INTERVAL_MS = 300_000;
const t36 = (ms: number) => ms.toString(36).padStart(9, "0");
const two = (n: number) => String(n).padStart(2, "0");

function rows(integrationId: string) {
  const start = Date.UTC(2026, 0, 1);
  return Array.from({ length: ROWS }, (_, i) => {
    const at = start + i * INTERVAL_MS;
    const d = new Date(at);
    const id = `anb_${t36(at)}${randomBytes(6).toString("hex")}`;
    return {
      id,
      integrationId,
      environmentId: 1,
      intervalStart: new Date(at),
      intervalEnd: new Date(at + INTERVAL_MS),
      firstEventId: `evt_${t36(at + 1234)}${randomBytes(10).toString("hex")}`,
      lastEventId: `evt_${t36(at + 298_765)}${randomBytes(10).toString("hex")}`,
      eventCount: 250,
      objectKey: `exports/analytics/${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${two(d.getUTCHours())}/${id}.ndjson.gz`,
      status: "exported",
      attemptCount: 1,
      lastAttemptAt: new Date(at + INTERVAL_MS + 32_000),
      bytes: 18_000,
      exportedAt: new Date(at + INTERVAL_MS + 32_000),
      createdAt: new Date(at + INTERVAL_MS + 31_000),
    };
  });
}

const COLUMNS = Object.keys(rows("x")[0]);

async function sqlite(): Promise<number> {
  const dir = path.resolve(".tmp/measure");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `analytics-${randomBytes(4).toString("hex")}.db`);
  await migrate(`file:${file}`, { quiet: true });
  const db = new Database(file);
  try {
    db.prepare(`INSERT INTO organisation (id, name) VALUES ('org', 'Measure')`).run();
    db.prepare(`INSERT INTO environment (id, name, "organisationId") VALUES (1, 'production', 'org')`).run();
    db.prepare(
      `INSERT INTO integration (id, "environmentId", kind, name, "createdByLabel", "updatedByLabel") VALUES ('int', 1, 's3_analytics', 'Bucket', 'm', 'm')`,
    ).run();
    const insert = db.prepare(
      `INSERT INTO analytics_batch (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`,
    );
    // Dates as Prisma keeps them on SQLite: ISO 8601 text ("2026-01-01T00:05:00.000+00:00").
    const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");
    db.transaction(() => {
      for (const row of rows("int"))
        insert.run(...Object.values(row).map((v) => (v instanceof Date ? iso(v) : v)));
    })();
    db.exec("VACUUM");
    const { bytes } = db
      .prepare(
        `SELECT SUM(pgsize) AS bytes FROM dbstat WHERE name = 'analytics_batch' OR name IN (SELECT name FROM sqlite_master WHERE tbl_name = 'analytics_batch' AND type = 'index')`,
      )
      .get() as { bytes: number };
    return bytes / ROWS;
  } finally {
    db.close();
    rmSync(file, { force: true });
  }
}

async function postgres(): Promise<number> {
  const server = startPostgres({ port: 58000 + Math.floor(Math.random() * 1000) });
  try {
    const url = server.createDatabase(`measure_${randomBytes(4).toString("hex")}`);
    await migrate(url, { quiet: true });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`INSERT INTO organisation (id, name) VALUES ('org', 'Measure')`);
      await client.query(
        `INSERT INTO environment (id, name, "organisationId") VALUES (1, 'production', 'org')`,
      );
      await client.query(
        `INSERT INTO integration (id, "environmentId", kind, name, "createdByLabel", "updatedByLabel") VALUES ('int', 1, 's3_analytics', 'Bucket', 'm', 'm')`,
      );
      const all = rows("int");
      for (let from = 0; from < all.length; from += 500) {
        const chunk = all.slice(from, from + 500);
        const values: unknown[] = [];
        const tuples = chunk.map((row) => {
          const marks = Object.values(row).map((v) => {
            values.push(v);
            return `$${values.length}`;
          });
          return `(${marks.join(", ")})`;
        });
        await client.query(
          `INSERT INTO analytics_batch (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`,
          values,
        );
      }
      await client.query("VACUUM FULL ANALYZE analytics_batch");
      const { rows: size } = await client.query<{ bytes: string }>(
        `SELECT pg_total_relation_size('analytics_batch') AS bytes`,
      );
      return Number(size[0].bytes) / ROWS;
    } finally {
      await client.end();
    }
  } finally {
    server.stop();
  }
}

async function main() {
  const perBatch = { sqlite: await sqlite(), postgres: await postgres() };
  console.log(`analytics_batch bookkeeping, ${ROWS} exported batches (table + indexes):`);
  for (const [kind, bytes] of Object.entries(perBatch)) {
    console.log(
      `  ${kind.padEnd(8)} ${bytes.toFixed(0)} bytes per batch · ${(bytes / 250).toFixed(2)} bytes per event at 250 events per batch · ${((bytes * 288) / 1024).toFixed(1)} KiB per bucket per day at one batch every 5 min`,
    );
  }
}

void main();
