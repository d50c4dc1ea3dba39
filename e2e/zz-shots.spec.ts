import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "./support/users";
import { createKeyViaUi } from "./support/api-keys";
import { fillDestinations, openNewForm, saveNew } from "./support/credentials";

// Not part of the suite: screenshots for the closing note (SHOTS=before|after).
const phase = process.env.SHOTS ?? "before";
const dir = "/work/notes/shots";
test.use({ storageState: storageStateFor("owner") });

async function both(page: Page, name: string, go: () => Promise<void>) {
  for (const [w, h] of [
    [1440, 900],
    [390, 844],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    await go();
    await page.screenshot({ path: `${dir}/${name}-${w}x${h}-${phase}.png` });
  }
}

test("shots", async ({ page }) => {
  test.setTimeout(180_000);
  await createKeyViaUi(page, {
    name: "Billing sync with a long name",
    allowlist: ["203.0.113.0/24", "198.51.100.7", "2001:db8::/32", "192.0.2.44"],
  });
  const form = await openNewForm(page, /^Basic auth/);
  await form.getByLabel("Name", { exact: true }).fill("Partner API basic");
  await form.getByLabel("User name").fill("user");
  await form.getByLabel("Password").fill("pass-123456");
  await fillDestinations(form, ["http://0.0.0.0:9"]);
  await saveNew(page, "Partner API basic");
  const url = page.url();
  await both(page, "item6-test-panel", async () => {
    await page.goto(url);
    await page.getByLabel("Test URL").fill("http://0.0.0.0:9/health");
    await page.getByRole("button", { name: "Test", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Test result" })).toBeVisible();
    await page.waitForTimeout(600);
  });
  await both(page, "item8-dashboard", async () => {
    await page.goto("/production");
    await page.waitForTimeout(300);
  });
  await both(page, "item9-api-keys", async () => {
    await page.goto("/production/configuration/api-keys");
    await page.waitForTimeout(300);
  });
  await both(page, "item9-credentials", async () => {
    await page.goto("/production/configuration/integrations/credentials");
    await page.waitForTimeout(300);
  });
  await both(page, "item9-audit-log", async () => {
    await page.goto("/production/audit-log");
    await page.waitForTimeout(300);
  });
});
