import { expect, test } from "@playwright/test";
import { storageStateFor } from "./support/users";
import { expectNoAxeViolations, openPalette } from "./support/console";

test.use({ storageState: storageStateFor("owner") });

const PAGES = [
  ["API keys", "/configuration/api-keys"],
  ["Credentials", "/configuration/integrations/credentials"],
  ["AWS", "/configuration/integrations/aws"],
  ["Salesforce", "/configuration/integrations/salesforce"],
  ["Marketo", "/configuration/integrations/marketo"],
  ["API reference", "/api-reference"],
  ["Audit log", "/audit-log"],
  ["Members", "/members"],
] as const;

test("the shell shows the Workbench navigation and every page is axe clean", async ({ page }) => {
  for (const [label, path] of PAGES) {
    await page.goto(`/production${path}`);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: label, exact: true })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
  }
});

test("the environment switcher keeps the page and puts the environment in the URL", async ({ page }) => {
  await page.goto("/production/audit-log");
  await page.getByRole("complementary").getByLabel("Environment").selectOption("staging");
  await expect(page).toHaveURL(/\/staging\/audit-log$/);
  await expect(page.getByRole("complementary").getByLabel("Environment")).toHaveValue("staging");
  await page.reload();
  await expect(page.getByRole("complementary").getByLabel("Environment")).toHaveValue("staging");
});

test("an unknown environment is a not-found page", async ({ page }) => {
  await page.goto("/nowhere/configuration/api-keys");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("the command palette navigates by typing a page name", async ({ page }) => {
  await page.goto("/production/members");
  let input = await openPalette(page);
  await input.fill("Credentials");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/production\/configuration\/integrations\/credentials$/);

  input = await openPalette(page);
  await input.fill("API keys");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/production\/configuration\/api-keys$/);
});

test("the command palette switches environment and is keyboard only", async ({ page }) => {
  await page.goto("/production/audit-log");
  let input = await openPalette(page);
  await input.fill("staging");
  await expect(page.getByRole("option", { name: "Switch environment to staging" })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/staging\/audit-log$/);

  input = await openPalette(page);
  await input.fill("Mem");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  await expect(page.getByRole("option", { name: /Members/ })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Escape");
  await expect(input).toBeHidden();
  await expect(page).toHaveURL(/\/staging\/audit-log$/);
});
