#!/usr/bin/env node
// The e2e suite on the scale path: starts a throwaway PostgreSQL on a loopback port, runs
// Playwright with E2E_DATABASE_URL pointing at it (scripts/e2e-server.mjs migrates it, and the
// specs' database checks read it through e2e/support/database.ts), then stops it. Arguments go
// to `playwright test` (e.g. a spec file). The JSON report lands in .tmp/e2e-results.json.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { startPostgres } from "./pg-server.mjs";

let pg;
for (let attempt = 1; !pg; attempt++) {
  try {
    pg = startPostgres({ port: 58000 + Math.floor(Math.random() * 1000), database: "workbench_e2e" });
  } catch (error) {
    if (attempt >= 3) throw error;
  }
}
let status = 1;
try {
  const run = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], {
    stdio: "inherit",
    env: {
      ...process.env,
      E2E_DATABASE_URL: pg.url,
      // On PostgreSQL the master key comes from the environment (every instance shares it).
      WORKBENCH_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    },
  });
  status = run.status ?? 1;
} finally {
  pg.stop();
}
process.exit(status);
