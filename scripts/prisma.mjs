#!/usr/bin/env node
// Runs the Prisma CLI offline (no engine download): DATABASE_URL must have a value or the
// CLI falls back to downloading an engine. `generate` also derives the PostgreSQL schema
// from prisma/schema.prisma, the single source of the models, and generates both clients.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const prismaBin = path.join(root, "node_modules", "prisma", "build", "index.js");

export function derivePostgresSchema() {
  const source = readFileSync(path.join(root, "prisma", "schema.prisma"), "utf8");
  const derived = source
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output     = "../lib/db/generated/sqlite"', 'output     = "../../lib/db/generated/postgres"');
  if (!derived.includes('"postgresql"') || !derived.includes("generated/postgres")) {
    throw new Error(
      "prisma/schema.prisma: could not derive the PostgreSQL schema (datasource/generator changed?)",
    );
  }
  mkdirSync(path.join(root, "prisma", "generated"), { recursive: true });
  const target = path.join(root, "prisma", "generated", "postgres.prisma");
  writeFileSync(
    target,
    `// GENERATED from prisma/schema.prisma by scripts/prisma.mjs — do not edit.\n${derived}`,
  );
  return target;
}

export function runPrisma(args, { provider = "sqlite", quiet = false, databaseUrl } = {}) {
  const env = {
    ...process.env,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
    DATABASE_URL:
      provider === "postgres"
        ? (databaseUrl ?? "postgresql://localhost:5432/workbench")
        : process.env.DATABASE_URL?.startsWith("file:")
          ? process.env.DATABASE_URL
          : "file:./data/workbench.db",
  };
  mkdirSync(path.join(root, "data"), { recursive: true });
  const config = provider === "postgres" ? "prisma/postgres.config.ts" : "prisma.config.ts";
  const result = spawnSync(process.execPath, [prismaBin, ...args, "--config", config], {
    cwd: root,
    env,
    encoding: "utf8",
    stdio: quiet ? "pipe" : "inherit",
  });
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  if (args[0] === "generate") {
    derivePostgresSchema();
    for (const provider of ["sqlite", "postgres"]) {
      const r = runPrisma(["generate"], { provider, quiet: true });
      if (r.status !== 0) {
        process.stderr.write(r.stdout + r.stderr);
        process.exit(r.status ?? 1);
      }
    }
    console.log("prisma: generated SQLite and PostgreSQL clients into lib/db/generated/");
  } else {
    const r = runPrisma(args);
    process.exit(r.status ?? 1);
  }
}
