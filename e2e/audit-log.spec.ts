import { expect, test } from "@playwright/test";
import { OWNER, storageStateFor } from "./support/users";

test.use({ storageState: storageStateFor("owner") });

test("the audit log records sign-ins and member changes and filters them", async ({ page }) => {
  await page.goto("/production/audit-log");
  await expect(page.getByRole("cell", { name: "member.add" }).first()).toBeVisible();
  await page.getByLabel("Action").selectOption("auth.sign_in");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/action=auth.sign_in/);
  const rows = page.locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  for (const action of await rows.locator("td:nth-child(3) code").allTextContents())
    expect(action).toBe("auth.sign_in");

  await page.getByLabel("Actor").fill(OWNER.email);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("cell", { name: OWNER.email }).first()).toBeVisible();

  await page.getByLabel("From").fill("2099-01-01");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("No events match")).toBeVisible();
});
