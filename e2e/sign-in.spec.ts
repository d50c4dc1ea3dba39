import { expect, test } from "@playwright/test";
import { OWNER, storageStateFor } from "./support/users";
import { addMemberViaUi, expectNoAxeViolations, signIn } from "./support/console";

test.describe("signed out", () => {
  test("a member signs in with the right password and lands in production", async ({ page }) => {
    await page.goto("/production/members");
    await expect(page).toHaveURL(/\/sign-in$/);
    await expectNoAxeViolations(page);
    await signIn(page, OWNER.email, OWNER.password);
    await expect(page).toHaveURL(/\/production\/configuration\/api-keys$/);
    await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  });

  test("a wrong password is refused with a clear message and audited", async ({ page, browser }) => {
    await signIn(page, OWNER.email, "not-the-password");
    await expect(
      page.getByRole("alert").filter({ hasText: "Email or password is incorrect." }),
    ).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in$/);

    const owner = await browser.newContext({ storageState: storageStateFor("owner") });
    const ownerPage = await owner.newPage();
    await ownerPage.goto("/production/audit-log?action=auth.sign_in_failed");
    await expect(ownerPage.getByRole("cell", { name: OWNER.email }).first()).toBeVisible();
    await expect(ownerPage.locator("body")).not.toContainText("not-the-password");
    await owner.close();
  });

  test("behind the load balancer, an address the client writes into X-Forwarded-For is not recorded as its own", async ({
    browser,
  }) => {
    // The client claims 198.51.100.7; the balancer in front (played by this header) appended
    // the address it really came from. Nothing is sent to either address.
    const spoofing = await browser.newContext({
      extraHTTPHeaders: { "x-forwarded-for": "198.51.100.7, 127.0.0.77" },
    });
    const page = await spoofing.newPage();
    await signIn(page, "spoofer@e2e.test", "not-the-password");
    await expect(
      page.getByRole("alert").filter({ hasText: "Email or password is incorrect." }),
    ).toBeVisible();
    await spoofing.close();

    const owner = await browser.newContext({ storageState: storageStateFor("owner") });
    const ownerPage = await owner.newPage();
    await ownerPage.goto("/production/audit-log?action=auth.sign_in_failed");
    const row = ownerPage.getByRole("row").filter({ hasText: "spoofer@e2e.test" });
    await expect(row.getByRole("cell", { name: "127.0.0.77" })).toBeVisible();
    await expect(ownerPage.locator("body")).not.toContainText("198.51.100.7");
    await owner.close();
  });

  test("the form explains empty fields without a round trip", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter a valid email address.")).toBeVisible();
    await expect(page.getByText("Enter your password.")).toBeVisible();
  });
});

test("signing out ends the session", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, OWNER.email, OWNER.password);
  await expect(page).toHaveURL(/\/production\/configuration\/api-keys$/);
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/production/members");
  await expect(page).toHaveURL(/\/sign-in$/);
  await context.close();
});

test("repeated failed sign-ins lock the account for a while, even with the right password", async ({
  browser,
}) => {
  const owner = await browser.newContext({ storageState: storageStateFor("owner") });
  const password = await addMemberViaUi(await owner.newPage(), {
    email: "throttled@e2e.test",
    name: "Throttled",
    role: "viewer",
  });
  await owner.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signIn(page, "throttled@e2e.test", `wrong-${attempt}`);
    await expect(
      page.getByRole("alert").filter({ hasText: "Email or password is incorrect." }),
    ).toBeVisible();
  }
  await signIn(page, "throttled@e2e.test", password);
  await expect(
    page.getByRole("alert").filter({ hasText: "Too many failed sign-in attempts. Try again in 15 minutes." }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);
  await context.close();
});
