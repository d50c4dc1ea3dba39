import { expect, test, type Browser, type Page } from "@playwright/test";
import { confirmSecretCopied } from "./support/secrets";
import { generate } from "otplib";
import { storageStateFor } from "./support/users";
import {
  addMemberViaUi,
  chooseNewPassword,
  expectNoAxeViolations,
  keptPassword,
  openPalette,
  signIn,
  submitSignIn,
} from "./support/console";
import { count, query } from "./support/database";

// The Account page (password, two-factor sign-in, sessions), temporary passwords, resets by an
// Owner, and the organisation's two-factor requirement. TOTP codes come from otplib, an
// implementation independent of the server's.

/** Adds a member as the Owner; returns the temporary password shown once. */
async function addMember(browser: Browser, email: string, role = "viewer"): Promise<string> {
  const owner = await browser.newContext({ storageState: storageStateFor("owner") });
  const password = await addMemberViaUi(await owner.newPage(), { email, name: email.split("@")[0], role });
  await owner.close();
  return password;
}

/** A fresh browser signed in as the member (a temporary password is replaced on the way). */
async function signedIn(browser: Browser, email: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/production\/configuration\/api-keys$/);
  return { context, page };
}

async function openAccountFromUserMenu(page: Page) {
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Account" }).click();
  await expect(page).toHaveURL(/\/production\/account$/);
  await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
}

async function currentCode(secret: string): Promise<string> {
  return generate({ secret });
}

/** Enrols the signed-in member on the page in front (Account page or the required step). */
async function enrol(page: Page, password: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  await page.getByLabel("Your password").fill(password);
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByLabel("Setup key", { exact: true }).innerText()).replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await page.getByLabel("Code from the app").fill(await currentCode(secret));
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByText("Two-factor sign-in is on.")).toBeVisible();
  const recoveryCodes = await page
    .getByRole("list", { name: "Recovery codes" })
    .getByRole("listitem")
    .allInnerTexts();
  expect(recoveryCodes).toHaveLength(10);
  await page.getByRole("button", { name: "I have saved my recovery codes" }).click();
  return { secret, recoveryCodes };
}

test("a member changes their password on the Account page and their other sessions are signed out", async ({
  browser,
}) => {
  const temporary = await addMember(browser, "changer@e2e.test");
  const password = keptPassword(temporary);
  const here = await signedIn(browser, "changer@e2e.test", temporary);
  const there = await signedIn(browser, "changer@e2e.test", password);

  const page = here.page;
  await openAccountFromUserMenu(page);
  await expectNoAxeViolations(page);
  const sessions = page.getByRole("region", { name: "Sessions" }).getByRole("row");
  await expect(sessions).toHaveCount(3); // header, this one, the other browser
  await expect(sessions.filter({ hasText: "This session" })).toHaveCount(1);
  await expect(sessions.filter({ hasText: /Chrome on \w+/ }).filter({ hasText: "127.0.0.1" })).toHaveCount(2);

  const form = page.getByRole("region", { name: "Password" });
  await form.getByLabel("Current password").fill("not-my-password-at-all");
  await form.getByLabel("New password", { exact: true }).fill("qwerty123456");
  await form.getByLabel("Confirm new password").fill("qwerty123456");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(
    form.getByText("This password is too common. Choose one that is harder to guess."),
  ).toBeVisible();
  await form.getByLabel("New password", { exact: true }).fill("a-changed-password-of-mine");
  await form.getByLabel("Confirm new password").fill("a-changed-password-of-mine");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.locator("#current-password-error")).toHaveText("The current password is not correct.");
  await form.getByLabel("Current password").fill(password);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed. Your other sessions were signed out.")).toBeVisible();

  await there.page.reload();
  await expect(there.page).toHaveURL(/\/sign-in$/);
  await page.reload();
  await expect(page.getByRole("region", { name: "Sessions" }).getByRole("row")).toHaveCount(2);

  await signIn(there.page, "changer@e2e.test", password);
  await expect(
    there.page.getByRole("alert").filter({ hasText: "Email or password is incorrect." }),
  ).toBeVisible();
  await signIn(there.page, "changer@e2e.test", "a-changed-password-of-mine");
  await expect(there.page).toHaveURL(/\/production\/configuration\/api-keys$/);

  // Sign the other browser out from here.
  await page.reload();
  await page.getByRole("button", { name: "Sign out all other sessions" }).click();
  await expect(page.getByText("1 other session(s) signed out")).toBeVisible();
  await there.page.reload();
  await expect(there.page).toHaveURL(/\/sign-in$/);
  await here.context.close();
  await there.context.close();
});

test("a temporary password must be replaced at the first sign-in before any other page", async ({
  browser,
}) => {
  const temporary = await addMember(browser, "firsttime@e2e.test");
  const context = await browser.newContext();
  const page = await context.newPage();
  await submitSignIn(page, "firsttime@e2e.test", temporary);
  await expect(page).toHaveURL(/\/sign-in\/new-password$/);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expectNoAxeViolations(page);

  // No other page until then.
  await page.goto("/production/members");
  await expect(page).toHaveURL(/\/sign-in\/new-password$/);

  await page.getByLabel("New password", { exact: true }).fill("too-short");
  await page.getByLabel("Confirm new password").fill("something-else");
  await page.getByRole("button", { name: "Save password and continue" }).click();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await expect(page.getByText("The passwords do not match.")).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill(temporary);
  await page.getByLabel("Confirm new password").fill(temporary);
  await page.getByRole("button", { name: "Save password and continue" }).click();
  await expect(page.locator("#new-password-error")).toHaveText(
    "Choose a password different from the temporary one.",
  );

  await chooseNewPassword(page, "my-very-own-password");
  await expect(page).toHaveURL(/\/production\/configuration\/api-keys$/);
  await page.goto("/production/members");
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  expect(
    await count(
      'select count(*) n from "user" where email = ? and "mustChangePassword" = true',
      "firsttime@e2e.test",
    ),
  ).toBe(0);
  await context.close();
});

test("an Owner resets a member's password: a new temporary password shown once, the member signed out, audited", async ({
  browser,
}) => {
  const temporary = await addMember(browser, "reset@e2e.test");
  const member = await signedIn(browser, "reset@e2e.test", temporary);

  const owner = await browser.newContext({ storageState: storageStateFor("owner") });
  const page = await owner.newPage();
  await page.goto("/production/members");
  const row = page.getByRole("row").filter({ hasText: "reset@e2e.test" });
  await expect(row.getByText("Password only")).toBeVisible();
  await page.getByRole("button", { name: "Reset password of reset@e2e.test" }).click();
  await page
    .getByRole("dialog", { name: "Reset password" })
    .getByRole("button", { name: "Reset password" })
    .click();
  const dialog = page.getByRole("dialog", { name: "Password reset" });
  const reset = await dialog.getByLabel("Temporary password", { exact: true }).inputValue();
  expect(reset.length).toBeGreaterThanOrEqual(16);
  expect(reset).not.toBe(temporary);
  await dialog.getByRole("button", { name: "Done" }).click();
  await confirmSecretCopied(page);
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(row.getByText("Temporary password")).toBeVisible();

  await member.page.reload();
  await expect(member.page).toHaveURL(/\/sign-in$/);
  await submitSignIn(member.page, "reset@e2e.test", reset);
  await expect(member.page).toHaveURL(/\/sign-in\/new-password$/);
  await chooseNewPassword(member.page, "after-the-reset-password");
  await expect(member.page).toHaveURL(/\/production\/configuration\/api-keys$/);

  await page.goto("/production/audit-log?action=member.reset_password");
  await expect(page.getByRole("cell", { name: "reset@e2e.test" }).first()).toBeVisible();
  await expect(page.locator("body")).not.toContainText(reset);
  await owner.close();
  await member.context.close();
});

test("two-factor sign-in: enrol with the QR code's key, sign in with a TOTP code, then with a recovery code; an Owner resets it", async ({
  browser,
}) => {
  const temporary = await addMember(browser, "totp@e2e.test");
  const password = keptPassword(temporary);
  const { context, page } = await signedIn(browser, "totp@e2e.test", temporary);
  // The Account page from the command palette.
  const palette = await openPalette(page);
  await palette.fill("two-factor");
  await page.getByRole("option", { name: /Account/ }).click();
  await expect(page).toHaveURL(/\/production\/account$/);
  const mfa = page.getByRole("region", { name: "Two-factor sign-in" });
  await expect(mfa.getByText("Off", { exact: true })).toBeVisible();
  const { secret, recoveryCodes } = await enrol(page, password);
  await expect(mfa.getByText("On", { exact: true })).toBeVisible();
  // The enrolment started a new session; it still works.
  await page.goto("/production/members");
  await expect(
    page.getByRole("row").filter({ hasText: "totp@e2e.test" }).getByText("Two-factor", { exact: true }),
  ).toBeVisible();
  await context.close();

  const next = await browser.newContext();
  const signInPage = await next.newPage();
  await signIn(signInPage, "totp@e2e.test", password);
  await expect(signInPage).toHaveURL(/\/sign-in\/code$/);
  await expectNoAxeViolations(signInPage);
  // The password alone opens nothing.
  await signInPage.goto("/production/members");
  await expect(signInPage).toHaveURL(/\/sign-in$/);
  await signIn(signInPage, "totp@e2e.test", password);
  await expect(signInPage).toHaveURL(/\/sign-in\/code$/);
  await signInPage.getByLabel("Authentication code").fill("000000");
  await signInPage.getByRole("button", { name: "Verify" }).click();
  await expect(
    signInPage.getByRole("alert").filter({ hasText: "The code is not valid." }).first(),
  ).toBeVisible();
  await signInPage.getByLabel("Authentication code").fill(await currentCode(secret));
  await signInPage.getByRole("button", { name: "Verify" }).click();
  await expect(signInPage).toHaveURL(/\/production\/configuration\/api-keys$/);

  await signInPage.getByRole("button", { name: /Account menu/ }).click();
  await signInPage.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(signInPage).toHaveURL(/\/sign-in$/);
  await signIn(signInPage, "totp@e2e.test", password);
  await expect(signInPage).toHaveURL(/\/sign-in\/code$/);
  await signInPage.getByRole("button", { name: "Use a recovery code instead" }).click();
  await signInPage.getByLabel("Recovery code").fill(recoveryCodes[0]);
  await signInPage.getByRole("button", { name: "Verify" }).click();
  await expect(signInPage).toHaveURL(/\/production\/configuration\/api-keys$/);
  await next.close();

  // Lost phone: the Owner resets two-factor sign-in; the member signs in with the password alone.
  const owner = await browser.newContext({ storageState: storageStateFor("owner") });
  const ownerPage = await owner.newPage();
  await ownerPage.goto("/production/members");
  await ownerPage.getByRole("button", { name: "Reset two-factor sign-in of totp@e2e.test" }).click();
  await ownerPage
    .getByRole("dialog", { name: "Reset two-factor sign-in" })
    .getByRole("button", { name: "Turn off two-factor" })
    .click();
  await expect(ownerPage.getByText("Two-factor sign-in reset")).toBeVisible();
  await ownerPage.goto("/production/audit-log?action=member.reset_mfa");
  await expect(ownerPage.getByRole("cell", { name: "totp@e2e.test" }).first()).toBeVisible();
  await ownerPage.goto("/production/audit-log?action=account.mfa_enable");
  await expect(ownerPage.getByRole("cell", { name: "totp@e2e.test" }).first()).toBeVisible();
  await owner.close();
  const after = await signedIn(browser, "totp@e2e.test", password);
  await after.context.close();
});

test.describe("an organisation that requires two-factor sign-in", () => {
  test.afterAll(async () => {
    // Whatever happened above, the other specs' sessions must not be sent to enrol.
    await query('update organisation set "requireMfa" = false');
  });

  test("only an enrolled Owner can require it; members without it enrol after signing in", async ({
    browser,
  }) => {
    // The shared Owner has no second factor: the requirement is refused for them.
    const owner = await browser.newContext({ storageState: storageStateFor("owner") });
    const ownerPage = await owner.newPage();
    await ownerPage.goto("/production/settings");
    await ownerPage.getByRole("button", { name: "Require two-factor sign-in" }).click();
    await expect(
      ownerPage.getByText("Turn on two-factor sign-in for your own account first (Account page)."),
    ).toBeVisible();
    await owner.close();

    // A second Owner enrols, then requires it.
    const temporary = await addMember(browser, "secure-owner@e2e.test", "owner");
    const secure = await signedIn(browser, "secure-owner@e2e.test", temporary);
    await secure.page.goto("/production/account");
    await enrol(secure.page, keptPassword(temporary));
    await secure.page.goto("/production/settings");
    await secure.page.getByRole("button", { name: "Require two-factor sign-in" }).click();
    await expect(secure.page.getByText("Two-factor sign-in is now required")).toBeVisible();
    await expect(secure.page.getByText("Required", { exact: true })).toBeVisible();

    // A member without it signs in and is sent to enrol before anything else.
    // (The shared Owner, without a second factor, would be sent to enrol too: the enrolled
    // Owner adds the member.)
    const memberTemporary = await addMemberViaUi(secure.page, {
      email: "must-enrol@e2e.test",
      name: "must-enrol",
      role: "viewer",
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, "must-enrol@e2e.test", memberTemporary);
    await expect(page).toHaveURL(/\/sign-in\/two-factor$/);
    await page.goto("/production/configuration/api-keys");
    await expect(page).toHaveURL(/\/sign-in\/two-factor$/);
    await expectNoAxeViolations(page);
    const { secret } = await enrol(page, keptPassword(memberTemporary));
    await expect(page).toHaveURL(/\/production\/configuration\/api-keys$/);

    // And from now on signs in with a code.
    await page.getByRole("button", { name: /Account menu/ }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await signIn(page, "must-enrol@e2e.test", keptPassword(memberTemporary));
    await expect(page).toHaveURL(/\/sign-in\/code$/);
    await page.getByLabel("Authentication code").fill(await currentCode(secret));
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page).toHaveURL(/\/production\/configuration\/api-keys$/);
    await context.close();

    await secure.page.goto("/production/audit-log?action=organisation.require_mfa");
    await expect(secure.page.getByRole("cell", { name: "secure-owner@e2e.test" }).first()).toBeVisible();
    await secure.page.goto("/production/settings");
    await secure.page.getByRole("button", { name: "Stop requiring two-factor sign-in" }).click();
    await expect(secure.page.getByText("Two-factor sign-in is now optional")).toBeVisible();
    await secure.context.close();
  });
});
