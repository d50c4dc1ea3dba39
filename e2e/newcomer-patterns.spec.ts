import { expect, test, type Locator, type Page } from "@playwright/test";
import { storageStateFor } from "./support/users";
import { addMemberViaUi } from "./support/console";
import { count } from "./support/database";
import { createKeyViaUi, requestToken } from "./support/api-keys";
import { CREDENTIALS, fillDestinations, openNewForm, saveNew } from "./support/credentials";

// One pattern per thing, as a newcomer meets it: destructive actions ask for the typed name in
// one dialog (never the browser's confirm()), lists filter as you type with the URL following,
// the keyboard gets a skip link and lands on results, and the words match what exists.

test.use({ storageState: storageStateFor("owner") });

const unique = (prefix: string) =>
  `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

/** Fails the test if the page ever opens a browser dialog (alert/confirm/prompt). */
function refuseBrowserDialogs(page: Page): string[] {
  const opened: string[] = [];
  page.on("dialog", (dialog) => {
    opened.push(dialog.message());
    void dialog.dismiss();
  });
  return opened;
}

/** The one typed-name dialog: off until the exact name is typed, then it runs. */
async function confirmByName(dialog: Locator, name: string, button: string) {
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByRole("button", { name: button, exact: true });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(`Type ${name} to confirm`).fill(`${name} `);
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(`Type ${name} to confirm`).fill(name.toUpperCase());
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(`Type ${name} to confirm`).fill(name);
  await confirm.click();
}

test("deleting a key, a credential and an endpoint and removing a member ask for the typed name, never confirm()", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const keyName = unique("Doomed key");
  const key = await createKeyViaUi(page, { name: keyName });
  const credentialName = unique("Doomed credential");
  const form = await openNewForm(page, /^Basic auth/);
  await form.getByLabel("Name", { exact: true }).fill(credentialName);
  await form.getByLabel("User name").fill("u");
  await form.getByLabel("Password").fill("p-doomed-credential-0123");
  await fillDestinations(form, ["http://127.0.0.1:9"]);
  await saveNew(page, credentialName);
  const email = `doomed-${Date.now().toString(36)}@e2e.test`;
  await addMemberViaUi(page, { email, name: "Doomed Member", role: "viewer" });
  const endpointName = unique("Doomed endpoint");
  await page.goto("/production/configuration/integrations/webhooks/new");
  const endpointForm = page.getByRole("form", { name: "New webhook endpoint" });
  await endpointForm.getByLabel("Name", { exact: true }).fill(endpointName);
  await endpointForm.getByLabel("URL", { exact: true }).fill("http://127.0.0.1:9/hooks");
  await endpointForm.getByRole("checkbox", { name: "card.created" }).check();
  await endpointForm.getByRole("button", { name: "Create endpoint" }).click();
  // The secret shown once replaces the form, and focus moves to its heading.
  await expect(page.getByRole("heading", { name: `Endpoint ${endpointName} created` })).toBeFocused();
  await page.getByRole("link", { name: "Go to the endpoint" }).click();

  const browserDialogs = refuseBrowserDialogs(page);

  // "Replay failed since…" submits through the same form pattern as every other form.
  await page.getByRole("button", { name: "Replay failed" }).click();
  await expect(page.getByText("No failed messages since then")).toBeVisible();

  // Webhook endpoint.
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await confirmByName(page.getByRole("dialog", { name: "Delete endpoint" }), endpointName, "Delete endpoint");
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
  expect(await count("select count(*) n from webhook_endpoint where name = ?", endpointName)).toBe(0);

  // API key.
  await page.goto(`/production/configuration/api-keys/${key.id}`);
  await page.getByRole("button", { name: "Delete key" }).click();
  await confirmByName(page.getByRole("dialog", { name: "Delete API key" }), keyName, "Delete key");
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  expect(await count("select count(*) n from api_key where id = ?", key.id)).toBe(0);

  // Credential, from its list.
  await page.goto(`${CREDENTIALS}?q=${encodeURIComponent(credentialName)}`);
  await page.getByRole("button", { name: `Delete ${credentialName}` }).click();
  await confirmByName(
    page.getByRole("dialog", { name: "Delete credential" }),
    credentialName,
    "Delete credential",
  );
  await expect(page.getByText(`Credential ${credentialName} deleted`)).toBeVisible();
  expect(await count("select count(*) n from credential where name = ?", credentialName)).toBe(0);

  // Member.
  await page.goto("/production/members");
  await page.getByRole("button", { name: `Remove ${email}` }).click();
  await confirmByName(page.getByRole("dialog", { name: "Remove member" }), email, "Remove member");
  await expect(page.getByText("Member removed")).toBeVisible();
  await expect(page.getByRole("cell", { name: email })).toHaveCount(0);

  expect(browserDialogs).toEqual([]);
});

test("Skip to content is the first stop on every page and moves focus to the main content", async ({
  page,
  browser,
}) => {
  for (const path of ["/production/configuration/api-keys", "/production/audit-log"]) {
    await page.goto(path);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    expect((await skip.boundingBox())!.width).toBeGreaterThan(40);
    await page.keyboard.press("Enter");
    await expect(page.locator("main")).toBeFocused();
    // The next Tab lands inside the main content, past the navigation and the header.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => !!document.activeElement?.closest("main"))).toBe(true);
  }
  const signedOut = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const signIn = await signedOut.newPage();
  await signIn.goto("/sign-in");
  // The email field takes focus on arrival; the skip link is the one stop before it.
  await expect(signIn.getByLabel("Email")).toBeFocused();
  await signIn.keyboard.press("Shift+Tab");
  await expect(signIn.getByRole("link", { name: "Skip to content" })).toBeFocused();
  // A favicon, declared and served.
  const icon = await signIn.locator('link[rel="icon"]').first().getAttribute("href");
  expect(icon).toBeTruthy();
  const served = await signIn.request.get(icon!);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toMatch(/^image\//);
  await signedOut.close();
});

/** The console's "Have you copied …?" question (an alert dialog), with its two answers. */
function copiedQuestion(page: Page, what: string) {
  const question = page.getByRole("alertdialog", { name: `Have you copied the ${what}?` });
  return {
    question,
    async goBack() {
      await expect(question).toContainText("It will not be shown again.");
      // The safe answer has focus: Enter does not throw the secret away.
      await expect(question.getByRole("button", { name: "Go back and copy" })).toBeFocused();
      await question.getByRole("button", { name: "Go back and copy" }).click();
      await expect(question).toHaveCount(0);
    },
    async confirm() {
      await question.getByRole("button", { name: "I have copied it" }).click();
      await expect(question).toHaveCount(0);
    },
  };
}

test("after Create focus is on the new secret's heading; Done asks in the console's dialog, then the list's heading", async ({
  page,
}) => {
  const browserDialogs = refuseBrowserDialogs(page);
  const name = unique("Focus key");
  await page.goto("/production/configuration/api-keys/new");
  const form = page.getByRole("form", { name: "New API key" });
  await form.getByLabel("Name").fill(name);
  await form.getByRole("checkbox", { name: "environments:read", exact: true }).check();
  await form.getByRole("button", { name: "Create API key" }).click();
  await expect(page.getByRole("heading", { name: "API key created" })).toBeFocused();
  const secret = page.getByLabel("Client secret", { exact: true });
  const value = await secret.inputValue();
  const copied = copiedQuestion(page, "client secret");

  // Nothing covers Done once scrolled to, the moment the secret shows or seconds later (a
  // notification once sat over it, bottom right, for four seconds, and took clicks meant for it).
  const done = page.getByRole("button", { name: "Done" });
  await done.scrollIntoViewIfNeeded();
  const uncovered = () =>
    done.evaluate((button) => {
      const box = button.getBoundingClientRect();
      return [
        [box.left + 2, box.top + 2],
        [box.left + box.width / 2, box.top + box.height / 2],
        [box.right - 2, box.bottom - 2],
      ].every(([x, y]) => button.contains(document.elementFromPoint(x, y)));
    });
  for (let sample = 0; sample < 10; sample++) {
    expect(await uncovered(), `Done uncovered after ${sample * 200} ms`).toBe(true);
    await page.waitForTimeout(200);
  }

  // Done: the console's question; going back keeps the secret on screen, focus on Done again.
  await done.click();
  await copied.goBack();
  await expect(secret).toHaveValue(value);
  await expect(done).toBeFocused();
  // A link away asks the same, and staying stays.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await copied.goBack();
  await expect(page).toHaveURL(/\/api-keys\/new$/);
  await expect(secret).toHaveValue(value);

  // Confirming goes back to the list, the new key on top, focus on the list's heading.
  await done.click();
  await copied.confirm();
  await expect(page).toHaveURL(/\/configuration\/api-keys$/);
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeFocused();
  await expect(page.getByRole("table").getByRole("link").first()).toHaveText(name);
  await expect(page.getByLabel("Client secret", { exact: true })).toHaveCount(0);
  expect(browserDialogs).toEqual([]);
});

test("closing a rotated secret or a member's temporary password asks in the console's dialog, never confirm()", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const key = await createKeyViaUi(page, { name: unique("Rotated guard") });
  const browserDialogs = refuseBrowserDialogs(page);

  // A rotated secret: Done, Escape and the dialog's close button all ask first.
  await page.getByRole("button", { name: "Rotate secret" }).click();
  await page
    .getByRole("dialog", { name: "Rotate secret" })
    .getByRole("button", { name: "Rotate secret" })
    .click();
  const rotated = page.getByRole("dialog", { name: "New client secret" });
  const secret = rotated.getByLabel("Client secret", { exact: true });
  const value = await secret.inputValue();
  const copied = copiedQuestion(page, "new client secret");
  await rotated.getByRole("button", { name: "Done" }).click();
  await copied.goBack();
  await expect(secret).toHaveValue(value);
  await page.keyboard.press("Escape");
  await copied.goBack();
  await rotated.getByRole("button", { name: "Close" }).click();
  await copied.goBack();
  await expect(rotated).toBeVisible();
  await expect(secret).toHaveValue(value);
  await rotated.getByRole("button", { name: "Done" }).click();
  await copied.confirm();
  await expect(rotated).toBeHidden();
  expect(await count(`select count(*) n from api_key where id = ? and "secretGeneration" = 2`, key.id)).toBe(
    1,
  );

  // A new member's temporary password.
  const email = `guard-${Date.now().toString(36)}@e2e.test`;
  await page.goto("/production/members");
  await page.getByRole("button", { name: "Add member" }).click();
  const add = page.getByRole("dialog", { name: "Add member" });
  await add.getByLabel("Email").fill(email);
  await add.getByLabel("Name").fill("Guarded Member");
  await add.getByRole("button", { name: "Add member" }).click();
  const added = page.getByRole("dialog", { name: "Member added" });
  const password = added.getByLabel("Temporary password", { exact: true });
  const temporary = await password.inputValue();
  const copiedPassword = copiedQuestion(page, "temporary password");
  await added.getByRole("button", { name: "Done" }).click();
  await copiedPassword.goBack();
  await expect(password).toHaveValue(temporary);
  await added.getByRole("button", { name: "Done" }).click();
  await copiedPassword.confirm();
  await expect(added).toBeHidden();

  // A reset password, from the members list.
  await page.getByRole("button", { name: `Reset password of ${email}` }).click();
  await page
    .getByRole("dialog", { name: "Reset password" })
    .getByRole("button", { name: "Reset password" })
    .click();
  const reset = page.getByRole("dialog", { name: "Password reset" });
  const resetValue = await reset.getByLabel("Temporary password", { exact: true }).inputValue();
  expect(resetValue).not.toBe(temporary);
  await reset.getByRole("button", { name: "Done" }).click();
  await copiedPassword.goBack();
  await expect(reset.getByLabel("Temporary password", { exact: true })).toHaveValue(resetValue);
  await reset.getByRole("button", { name: "Done" }).click();
  await copiedPassword.confirm();
  await expect(reset).toBeHidden();

  expect(browserDialogs).toEqual([]);
});

test("every full-page form ends with Cancel back to its list", async ({ page }) => {
  const credential = unique("Cancel credential");
  const form = await openNewForm(page, /^Basic auth/);
  await form.getByLabel("Name", { exact: true }).fill(credential);
  await form.getByLabel("User name").fill("u");
  await form.getByLabel("Password").fill("p-cancel-credential-0123");
  await fillDestinations(form, ["http://127.0.0.1:9"]);
  await saveNew(page, credential);
  const credentialPage = page.url();
  await page.goto("/production/configuration/integrations/webhooks/new");
  const endpoint = unique("Cancel endpoint");
  const endpointForm = page.getByRole("form", { name: "New webhook endpoint" });
  await endpointForm.getByLabel("Name", { exact: true }).fill(endpoint);
  await endpointForm.getByLabel("URL", { exact: true }).fill("http://127.0.0.1:9/hooks");
  await endpointForm.getByRole("checkbox", { name: "card.created" }).check();
  await endpointForm.getByRole("button", { name: "Create endpoint" }).click();
  await page.getByRole("link", { name: "Go to the endpoint" }).click();
  await expect(page.getByRole("heading", { name: endpoint, level: 1 })).toBeVisible();
  const endpointPage = page.url();

  const forms: [page: string, form: string | null, list: string, heading: string][] = [
    [
      "/production/configuration/api-keys/new",
      "New API key",
      "/production/configuration/api-keys",
      "API keys",
    ],
    ["/production/configuration/integrations/credentials/new", null, CREDENTIALS, "Credentials"],
    [`${CREDENTIALS}/new?type=basic`, "New Basic auth credential", CREDENTIALS, "Credentials"],
    [credentialPage, "Credential settings", CREDENTIALS, "Credentials"],
    [
      "/production/configuration/integrations/webhooks/new",
      "New webhook endpoint",
      "/production/configuration/integrations/webhooks",
      "Webhooks",
    ],
    [endpointPage, "Endpoint settings", "/production/configuration/integrations/webhooks", "Webhooks"],
  ];
  for (const [path, name, list, heading] of forms) {
    await page.goto(path);
    const scope = name ? page.getByRole("form", { name }) : page.getByRole("main");
    const cancel = scope.getByRole("link", { name: "Cancel", exact: true });
    await expect(cancel, path).toBeVisible();
    await cancel.click();
    await expect(page, path).toHaveURL(new RegExp(`${list.replace(/[?]/g, "\\?")}$`));
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
  }
});

test("list searches filter as you type, after a pause, and the URL follows", async ({ page }) => {
  test.setTimeout(90_000);
  const tag = Date.now().toString(36);
  await createKeyViaUi(page, { name: `Alpha ${tag}` });
  await createKeyViaUi(page, { name: `Beta ${tag}` });
  await page.goto("/production/configuration/api-keys");
  const table = page.getByRole("table");
  await expect(table.getByRole("link", { name: `Beta ${tag}` })).toBeVisible();

  // Each character typed 40 ms apart: one request for the pause after the last, not one per key.
  const fetches: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("q=") && r.resourceType() === "fetch") fetches.push(r.url());
  });
  const search = page.getByRole("searchbox", { name: "Search" });
  await search.pressSequentially(`Alpha ${tag}`, { delay: 40 });
  await expect(page).toHaveURL(new RegExp(`[?&]q=Alpha(\\+|%20)${tag}`));
  await expect(table.getByRole("link", { name: `Alpha ${tag}` })).toBeVisible();
  await expect(table.getByRole("link", { name: `Beta ${tag}` })).toHaveCount(0);
  await expect(search).toBeFocused();
  expect(fetches.length).toBeGreaterThanOrEqual(1);
  expect(fetches.length).toBeLessThanOrEqual(2);
  // The select applies at once, with the search kept.
  await page.getByLabel("Status").selectOption("revoked");
  await expect(page).toHaveURL(/status=revoked/);
  await expect(page).toHaveURL(new RegExp(`q=Alpha`));
  await expect(page.getByText("No API keys match")).toBeVisible();
  // The URL is the filtered list: loaded afresh it shows the same.
  await page.goto(`/production/configuration/api-keys?q=Beta+${tag}`);
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue(`Beta ${tag}`);
  await expect(table.getByRole("link", { name: `Beta ${tag}` })).toBeVisible();

  // Credentials and the audit log filter as you type too.
  await page.goto(CREDENTIALS);
  await page.getByRole("searchbox", { name: "Search" }).fill(`nothing-named-${tag}`);
  await expect(page).toHaveURL(new RegExp(`q=nothing-named-${tag}`));
  await expect(page.getByText("No credentials match")).toBeVisible();
  await page.goto("/production/audit-log");
  await page.getByLabel("Actor").fill(`nobody-${tag}`);
  await expect(page).toHaveURL(new RegExp(`actor=nobody-${tag}`));
  await expect(page.getByText("No events match")).toBeVisible();
});

test("a client whose wrong secrets hit the per-address limit finds that on the key's page, with the fix", async ({
  page,
  request,
}) => {
  const name = unique("Hammered key");
  const key = await createKeyViaUi(page, { name });
  // The e2e server keeps the default limit: 20 failed authentications per address and client ID.
  const statuses: number[] = [];
  for (let i = 0; i < 21; i++)
    statuses.push((await requestToken(request, key.clientId, "wbsk_not-the-secret")).status());
  expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
  expect(statuses[20]).toBe(429);
  await expect(async () => {
    await page.goto(`/production/configuration/api-keys/${key.id}`);
    await expect(page.getByText(/Too many failed authentications from IP 127\.0\.0\.1/)).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 15_000 });
  await expect(
    page.getByText(/Give the client at 127\.0\.0\.1 the key's current secret/).first(),
  ).toBeVisible();
});

test('the OAuth credential type is named "OAuth client credentials" where it is created', async ({
  page,
}) => {
  await openNewForm(page, /^OAuth client credentials/);
  await expect(page.getByRole("heading", { name: "New OAuth client credentials", level: 1 })).toBeVisible();
  await expect(page.getByText("Action Flow")).toHaveCount(0);
});
