import { expect, type Locator, type Page, type Response } from "@playwright/test";
import { count } from "./database";

export const CREDENTIALS = "/production/configuration/integrations/credentials";

/**
 * Keeps the body of every response the browser receives (HTML, RSC/flight payloads, JSON,
 * scripts), to prove that no secret value ever reaches it.
 */
export function collectResponses(page: Page) {
  const bodies: { url: string; body: string }[] = [];
  const pending: Promise<void>[] = [];
  const onResponse = (response: Response) => {
    pending.push(
      response
        .body()
        .then((body) => void bodies.push({ url: response.url(), body: body.toString("utf8") }))
        .catch(() => undefined), // redirects and aborted navigations have no body
    );
  };
  page.on("response", onResponse);
  return {
    /** Fails with the URL of any response that contains one of the secrets. */
    async expectNoSecrets(secrets: (string | RegExp)[]) {
      await Promise.all(pending);
      expect(bodies.length).toBeGreaterThan(3);
      for (const secret of secrets) {
        const leaks = bodies
          .filter(({ body }) => (typeof secret === "string" ? body.includes(secret) : secret.test(body)))
          .map(({ url }) => url);
        expect(leaks, `secret ${String(secret).slice(0, 6)}… leaked`).toEqual([]);
      }
    },
    stop: () => page.off("response", onResponse),
  };
}

/** A generated private key's content (never its text: the forms mention the PEM markers). */
export const PRIVATE_KEY_CONTENT = /PRIVATE KEY-----(\\r\\n|\\n|\r\n|\n)[A-Za-z0-9+/]{16}/;

/** Opens New credential, picks a type by its card, and checks the form it opens. */
export async function openNewForm(page: Page, typeLabel: RegExp) {
  await page.goto(CREDENTIALS);
  await page.getByRole("link", { name: "New credential" }).click();
  await expect(page.getByRole("heading", { name: "New credential", level: 1 })).toBeVisible();
  await page
    .getByRole("navigation", { name: "Credential types" })
    .getByRole("link", { name: typeLabel })
    .click();
  const form = page.getByRole("form", { name: /^New .* credentials?$/ });
  await expect(form).toBeVisible();
  return form;
}

/** Saves the form and waits for the credential's own page. */
export async function saveNew(page: Page, name: string) {
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
}

/** Saves an edit on the credential page. */
export async function saveChanges(page: Page) {
  await page.getByRole("form", { name: "Credential settings" }).getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Changes saved")).toBeVisible();
}

/** Runs Test live with a URL (and optional method/body) and returns the result region. */
export async function runTest(page: Page, options: { url?: string; method?: string; body?: string } = {}) {
  const form = page.getByRole("form", { name: "Test credential" });
  if (options.method) await form.getByLabel("Method").selectOption(options.method);
  if (options.url !== undefined) {
    await form.getByLabel(/^Test URL/).fill(options.url);
    // Never let a default (e.g. AWS STS) go out: tests only talk to loopback peers.
    await expect(form.getByLabel(/^Test URL/)).toHaveValue(options.url);
  }
  if (options.body !== undefined) await form.getByLabel("Body (optional)").fill(options.body);
  const sent = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  // Pressed from the keyboard rather than clicked: right after a save, the "saved" toast slides
  // in at the bottom right, where a scrolled-into-view Test button often sits, and a click that
  // lands during its entrance hits the toast instead (seen once as a test that sent nothing).
  await form.getByRole("button", { name: "Test", exact: true }).press("Enter");
  if (options.url !== undefined)
    expect((await sent).postData() ?? "").toContain(JSON.stringify(options.url).slice(1, -1));
  const result = page.getByRole("region", { name: "Test result" });
  // A refused action shows an alert in the form instead of a result: fail with its text.
  await expect(result.or(form.getByRole("alert"))).toBeVisible({ timeout: 20_000 });
  await expect(form.getByRole("alert")).toHaveCount(0);
  return result;
}

export async function expectTestPassed(page: Page, options: Parameters<typeof runTest>[1] = {}) {
  const result = await runTest(page, options);
  await expect(result.getByRole("status").first()).toContainText("Passed.");
  return result;
}

/** A wrong secret must make the test fail visibly with the peer's 401/403. */
export async function expectTestRefused(
  page: Page,
  status: 401 | 403,
  options: Parameters<typeof runTest>[1] = {},
) {
  const result = await runTest(page, options);
  await expect(result.getByRole("status").first()).toContainText("Failed.");
  await expect(result.getByRole("status").first()).toContainText(String(status));
  return result;
}

/** After each story: the list and the audit log, then no secret in anything the browser got. */
export async function expectNoLeaks(
  page: Page,
  leakCheck: ReturnType<typeof collectResponses>,
  secrets: (string | RegExp)[],
) {
  await page.goto(CREDENTIALS);
  await page.goto("/production/audit-log");
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await leakCheck.expectNoSecrets(secrets);
  for (const secret of secrets)
    if (typeof secret === "string")
      expect(
        await count(
          "select count(*) n from credential where secrets like ? or config like ?",
          `%${secret}%`,
          `%${secret}%`,
        ),
      ).toBe(0);
}

/** Fills the form's allowed destinations (the new form starts with one empty row). */
export async function fillDestinations(form: Locator, urls: string[]) {
  for (const [index, url] of urls.entries()) {
    if (index > 0 || (await form.getByLabel(`Destination ${index + 1}`, { exact: true }).count()) === 0)
      await form.getByRole("button", { name: "Add destination" }).click();
    await form.getByLabel(`Destination ${index + 1}`, { exact: true }).fill(url);
  }
}
