import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";

/** Where the e2e server's log lines and the secrets the specs were handed are kept for the log check. */
export const E2E_LOG_DIR = path.resolve(__dirname, "../../.tmp/e2e-logs");
export const SECRETS_FILE = path.join(E2E_LOG_DIR, "secrets.txt");

/** Notes a secret the console or the API handed to a spec: e2e/logs.check.ts looks for it in the server's logs. */
export function rememberSecret<T extends string>(secret: T): T {
  mkdirSync(E2E_LOG_DIR, { recursive: true });
  appendFileSync(SECRETS_FILE, `${secret}\n`);
  return secret;
}
