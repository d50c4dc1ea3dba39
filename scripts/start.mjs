#!/usr/bin/env node
// `npm start`: check the configuration, migrate the database, build the production bundle if the sources changed,
// then run the one server (first-run set-up happens inside it).
import { spawn } from "node:child_process";
import { tsImport } from "tsx/esm/api";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate } from "./migrate.mjs";
import { build } from "./build.mjs";
import { sourceFingerprint } from "./fingerprint.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function buildIsCurrent() {
  const stamp = path.join(root, "dist", "build-fingerprint");
  if (!existsSync(stamp) || !existsSync(path.join(root, ".next", "BUILD_ID"))) return false;
  return readFileSync(stamp, "utf8") === sourceFingerprint();
}

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  // A wrong variable stops here, with one list of every problem, before anything is built.
  const { config } = await tsImport("../lib/config.ts", import.meta.url);
  await migrate(config().databaseUrl);
  if (!buildIsCurrent() || process.argv.includes("--rebuild")) {
    console.log("build: sources changed since the last build, building…");
    await build();
  }
  const child = spawn(process.execPath, ["--enable-source-maps", path.join(root, "dist", "server.mjs")], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
