import { expect, test, type Request } from "@playwright/test";
import { confirmSecretCopied } from "./support/secrets";
import { seededUser, storageStateFor } from "./support/users";
import { count } from "./support/database";
import { signIn } from "./support/console";

test("an owner adds a member, changes their role and removes them", async ({ browser }) => {
  const owner = await browser.newContext({ storageState: storageStateFor("owner") });
  const page = await owner.newPage();
  await page.goto("/production/members");
  await page.getByRole("button", { name: "Add member" }).click();
  const dialog = page.getByRole("dialog", { name: "Add member" });
  await dialog.getByRole("button", { name: "Add member" }).click();
  await expect(dialog.getByText("Enter a valid email address.")).toBeVisible();
  await dialog.getByLabel("Email").fill("temp@e2e.test");
  await dialog.getByLabel("Name").fill("Temp Person");
  await dialog.getByLabel("Role").selectOption("viewer");
  await dialog.getByRole("button", { name: "Add member" }).click();
  const password = await page.getByLabel("Temporary password", { exact: true }).inputValue();
  await page.getByRole("button", { name: "Done" }).click();
  await confirmSecretCopied(page);

  await page.getByLabel("Role of temp@e2e.test").selectOption("editor");
  await expect(page.getByText("Role changed")).toBeVisible();
  expect(
    await count(
      `select count(*) n from member m join "user" u on u.id = m."userId" where u.email = ? and m.role = 'editor'`,
      "temp@e2e.test",
    ),
  ).toBe(1);

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, "temp@e2e.test", password);
  await expect(otherPage).toHaveURL(/\/production\/configuration\/api-keys$/);

  await page.getByRole("button", { name: "Remove temp@e2e.test" }).click();
  const remove = page.getByRole("dialog", { name: "Remove member" });
  await expect(remove.getByRole("button", { name: "Remove member" })).toBeDisabled();
  await remove.getByLabel("Type temp@e2e.test to confirm").fill("temp@e2e.test");
  await remove.getByRole("button", { name: "Remove member" }).click();
  await expect(page.getByText("Member removed")).toBeVisible();
  await expect(page.getByRole("cell", { name: "temp@e2e.test" })).toHaveCount(0);
  // Removing a member signs them out at once.
  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/sign-in$/);
  await other.close();
  await owner.close();
});

test("a viewer sees members read-only and the server refuses a direct action call", async ({ browser }) => {
  // Capture the real "add member" server action id from an owner's request…
  const owner = await browser.newContext({ storageState: storageStateFor("owner") });
  const ownerPage = await owner.newPage();
  await ownerPage.goto("/production/members");
  await ownerPage.getByRole("button", { name: "Add member" }).click();
  const dialog = ownerPage.getByRole("dialog", { name: "Add member" });
  await dialog.getByLabel("Email").fill("captured@e2e.test");
  await dialog.getByLabel("Name").fill("Captured");
  const actionRequest = ownerPage.waitForRequest(
    (r: Request) => r.method() === "POST" && !!r.headers()["next-action"],
  );
  await dialog.getByRole("button", { name: "Add member" }).click();
  const actionId = (await actionRequest).headers()["next-action"];
  await expect(ownerPage.getByLabel("Temporary password", { exact: true })).toBeVisible();
  await owner.close();

  // …then the viewer sees no controls, and calling that action directly is refused.
  const viewer = await browser.newContext({ storageState: storageStateFor("viewer") });
  const page = await viewer.newPage();
  await page.goto("/production/members");
  await expect(page.getByText("You have view-only access to members.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add member" })).toHaveCount(0);
  await expect(page.getByRole("cell", { name: seededUser("viewer").email })).toBeVisible();

  const response = await page.request.post("/production/members", {
    headers: {
      "Next-Action": actionId,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
    },
    data: JSON.stringify([{ email: "sneaky@e2e.test", name: "Sneaky", role: "owner" }]),
  });
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain("Your role (Viewer) cannot change members.");
  expect(await count('select count(*) n from "user" where email = ?', "sneaky@e2e.test")).toBe(0);
  await viewer.close();
});

test("a session idle for longer than 30 minutes must sign in again", async ({ browser }) => {
  const { email, password } = seededUser("editor");
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/production\/configuration\/api-keys$/);
  // Backdate this member's sessions by 31 minutes instead of sleeping through the timeout.
  const { query } = await import("./support/database");
  const thirtyOneMinutesAgo = new Date(Date.now() - 31 * 60_000).toISOString();
  await query(
    'update session set "lastSeenAt" = ? where "userId" = (select id from "user" where email = ?)',
    thirtyOneMinutesAgo,
    email,
  );
  await page.goto("/production/members");
  await expect(page).toHaveURL(/\/sign-in\?reason=idle$/);
  await expect(page.getByRole("status")).toHaveText("Your session expired after inactivity. Sign in again.");
  await context.close();
});
