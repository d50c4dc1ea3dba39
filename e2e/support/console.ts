import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Signs in through the form; `origin` targets another server than the configured baseURL. */
export async function signIn(page: Page, email: string, password: string, origin = "") {
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Fails the test with the list of accessibility violations axe finds on the page. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary).toEqual([]);
}

export async function openPalette(page: Page) {
  await page.keyboard.press("Control+k");
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
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  return password;
}
