#!/usr/bin/env node
// Creates a migration for both providers from the change between the schema as of the
// last migration (prisma/migrations/schema.snapshot.prisma) and prisma/schema.prisma.
//   npm run db:migration -- <name>     write prisma/migrations/{sqlite,postgres}/<ts>_<name>.sql
//   npm run db:migration -- --check    exit 1 when the schema changed without a migration
import { existsSync, mkdirSync, copyFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runPrisma } from "./prisma.mjs";
import { startPostgres } from "./pg-server.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const migrations = path.join(root, "prisma", "migrations");
const snapshot = path.join(migrations, "schema.snapshot.prisma");
const schema = path.join(root, "prisma", "schema.prisma");

function toPostgres(file) {
  const out = path.join(root, "prisma", "generated", path.basename(file).replace(".prisma", ".pg.prisma"));
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, readFileSync(file, "utf8").replace('provider = "sqlite"', 'provider = "postgresql"'));
  return out;
}

// Prisma's JavaScript schema engine connects to a database even for a datamodel-to-datamodel
// diff on PostgreSQL, so a throwaway loopback server is started for it.
let pg = null;
function diff(provider) {
  if (provider === "postgres" && !pg) pg = startPostgres({ port: 55000 + (process.pid % 400) });
  const from = existsSync(snapshot)
    ? ["--from-schema-datamodel", provider === "postgres" ? toPostgres(snapshot) : snapshot]
    : ["--from-empty"];
  const to = provider === "postgres" ? toPostgres(schema) : schema;
  const r = runPrisma(["migrate", "diff", ...from, "--to-schema-datamodel", to, "--script"], {
    provider,
    quiet: true,
    databaseUrl: pg?.url,
  });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    process.exit(1);
  }
  return r.stdout.trim();
}

const arg = process.argv[2];
if (!arg) {
  console.error("usage: npm run db:migration -- <name> | --check");
  process.exit(2);
}
let sql;
try {
  sql = { sqlite: diff("sqlite"), postgres: diff("postgres") };
} finally {
  pg?.stop();
}
const empty = (s) => s === "" || s.startsWith("-- This is an empty migration");
if (arg === "--check") {
  if (!empty(sql.sqlite) || !empty(sql.postgres)) {
    console.error("prisma/schema.prisma changed without a migration: run `npm run db:migration -- <name>`");
    process.exit(1);
  }
  console.log("migrations: schema and migrations agree");
  process.exit(0);
}
if (empty(sql.sqlite)) {
  console.log("no schema change: nothing to do");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const name = `${stamp}_${arg.replace(/[^a-z0-9_]+/gi, "_").toLowerCase()}.sql`;
for (const provider of ["sqlite", "postgres"]) {
  mkdirSync(path.join(migrations, provider), { recursive: true });
  writeFileSync(
    path.join(migrations, provider, name),
    `-- migrate:up\n${sql[provider]}\n\n-- migrate:down\n`,
  );
}
copyFileSync(schema, snapshot);
console.log(`wrote prisma/migrations/{sqlite,postgres}/${name}`);
