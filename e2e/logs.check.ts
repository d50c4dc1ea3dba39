import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_LOG_DIR, SECRETS_FILE } from "./support/secrets";
import { OWNER } from "./support/users";

// Runs after every spec (the "logs" project depends on "e2e"): no secret the specs were handed —
// client secrets, access tokens, credential secrets, passwords, the master key — appears in any
// line the e2e server logged while they ran.
test("no secret the specs were handed is in the server's log", () => {
  const log = readFileSync(path.join(E2E_LOG_DIR, "server.log"), "utf8");
  expect(log).toContain("Workbench is running at");
  const secrets = new Set(
    readFileSync(SECRETS_FILE, "utf8")
      .split("\n")
      .filter((s) => s.length >= 8),
  );
  secrets.add(OWNER.password);
  const keyFile = path.resolve(__dirname, "../.tmp/e2e/master.key");
  if (existsSync(keyFile))
    for (const line of readFileSync(keyFile, "utf8").split("\n"))
      if (line.trim() && !line.startsWith("#")) secrets.add(line.trim());
  if (process.env.WORKBENCH_ENCRYPTION_KEY) secrets.add(process.env.WORKBENCH_ENCRYPTION_KEY);
  expect(secrets.size).toBeGreaterThan(10);
  expect([...secrets].filter((secret) => log.includes(secret))).toEqual([]);
});
