import { mkdirSync, writeFileSync } from "node:fs";
import { expect, test as setup } from "@playwright/test";
import { AUTH_DIR, OWNER, USERS_FILE, storageStateFor } from "./support/users";
import { addMemberViaUi, keptPassword, signIn } from "./support/console";

// Signs in once per role and keeps each session (storageState) for the specs.
setup("sign in as owner and add an editor and a viewer", async ({ page, browser }) => {
  mkdirSync(AUTH_DIR, { recursive: true });
  await signIn(page, OWNER.email, OWNER.password);
  await expect(page).toHaveURL(/\/production\/configuration\/api-keys$/);
  await page.context().storageState({ path: storageStateFor("owner") });

  const users: Record<string, { email: string; password: string }> = {};
  for (const role of ["editor", "viewer"] as const) {
    const password = await addMemberViaUi(page, { email: `${role}@e2e.test`, name: `E2E ${role}`, role });
    expect(password.length).toBeGreaterThanOrEqual(16);
    // The first sign-in replaces the temporary password with keptPassword(password).
    users[role] = { email: `${role}@e2e.test`, password: keptPassword(password) };

    const context = await browser.newContext();
    const rolePage = await context.newPage();
    await signIn(rolePage, users[role].email, password);
    await expect(rolePage).toHaveURL(/\/production\/configuration\/api-keys$/);
    await context.storageState({ path: storageStateFor(role) });
    await context.close();
  }
  writeFileSync(USERS_FILE, JSON.stringify(users));
});
