import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

/** Where the e2e server's log lines and the secrets the specs were handed are kept for the log check. */
export const E2E_LOG_DIR = path.resolve(__dirname, "../../.tmp/e2e-logs");
export const SECRETS_FILE = path.join(E2E_LOG_DIR, "secrets.txt");

/** Notes a secret the console or the API handed to a spec: e2e/logs.check.ts looks for it in the server's logs. */
export function rememberSecret<T extends string>(secret: T): T {
  mkdirSync(E2E_LOG_DIR, { recursive: true });
  appendFileSync(SECRETS_FILE, `${secret}\n`);
  return secret;
}

/**
 * Answers the console's own "Have you copied the …? It will not be shown again." question (an
 * alert dialog, never the browser's confirm()) with "I have copied it".
 */
export async function confirmSecretCopied(page: Page) {
  const question = page.getByRole("alertdialog", { name: /^Have you copied the / });
  await expect(question).toBeVisible();
  await expect(question).toContainText("It will not be shown again.");
  await question.getByRole("button", { name: "I have copied it" }).click();
  await expect(question).toHaveCount(0);
}
