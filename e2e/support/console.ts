import AxeBuilder from "@axe-core/playwright";
import { confirmSecretCopied } from "./secrets";
import { expect, type Page } from "@playwright/test";

/**
 * The password the support helpers choose in place of a temporary one (a new member's, a reset
 * one, a generated first-run one): the console asks for a new password at the first sign-in.
 */
export function keptPassword(temporaryPassword: string): string {
  return `${temporaryPassword}-kept`;
}

/**
 * Signs in through the form; `origin` targets another server than the configured baseURL.
 * Signing in with a temporary password leads to "Choose a new password": the helper chooses
 * keptPassword(password) there and goes on, as a member would; use that password afterwards.
 */
export async function signIn(page: Page, email: string, password: string, origin = "") {
  await submitSignIn(page, email, password, origin);
  // Wait for where the form leads: away from /sign-in, or a refusal in the form (Next's route
  // announcer outside it is an alert too).
  await Promise.race([
    // ("/" only redirects on.)
    page
      .waitForURL((url) => url.pathname !== "/sign-in" && url.pathname !== "/", { timeout: 15_000 })
      .catch(() => undefined),
    page
      .locator("form")
      .getByRole("alert")
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(() => undefined),
  ]);
  if (new URL(page.url()).pathname === "/sign-in/new-password") {
    await chooseNewPassword(page, keptPassword(password));
  }
}

/** Only fills and submits the sign-in form (for tests of what happens next). */
export async function submitSignIn(page: Page, email: string, password: string, origin = "") {
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** On "Choose a new password": enters it twice and continues to the console. */
export async function chooseNewPassword(page: Page, password: string) {
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Confirm new password").fill(password);
  await page.getByRole("button", { name: "Save password and continue" }).click();
  // On to the console, or to the next step (two-factor enrolment, when the organisation requires it).
  await page.waitForURL((url) => url.pathname !== "/sign-in/new-password" && url.pathname !== "/");
}

/** Fails the test with the list of accessibility violations axe finds on the page. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary).toEqual([]);
}

/**
 * Opens the command palette with Ctrl+K. A key pressed before the page has hydrated reaches no
 * listener (as for any user that quick), so the press is repeated until the palette's button says
 * it is open; the palette's code then loads and its input takes focus.
 */
export async function openPalette(page: Page) {
  // Not by role: once the palette is open, the page behind its dialog is hidden from that tree.
  const button = page.locator('button[aria-haspopup="dialog"]', { hasText: "Search or jump to" });
  await expect(async () => {
    if ((await button.getAttribute("aria-expanded")) !== "true") await page.keyboard.press("Control+k");
    await expect(button).toHaveAttribute("aria-expanded", "true", { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  const input = page.getByRole("combobox", { name: "Command" });
  await expect(input).toBeFocused();
  return input;
}

/** Adds a member on the Members page as the signed-in Owner/Admin; returns the temporary password. */
export async function addMemberViaUi(
  page: Page,
  member: { email: string; name: string; role: string },
): Promise<string> {
  await page.goto("/production/members");
  await page.getByRole("button", { name: "Add member" }).click();
  const dialog = page.getByRole("dialog", { name: "Add member" });
  await dialog.getByLabel("Email").fill(member.email);
  await dialog.getByLabel("Name").fill(member.name);
  await dialog.getByLabel("Role").selectOption(member.role);
  await dialog.getByRole("button", { name: "Add member" }).click();
  const password = await page.getByLabel("Temporary password", { exact: true }).inputValue();
  await page.getByRole("button", { name: "Done" }).click();
  await confirmSecretCopied(page);
  await expect(page.getByRole("dialog")).toBeHidden();
  return password;
}
