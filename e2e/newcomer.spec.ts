import { spawnSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "./support/users";
import { openPalette } from "./support/console";
import { count, query } from "./support/database";
import { accessToken, createKeyViaUi, doneAndOpenKey } from "./support/api-keys";
import { fillDestinations, openNewForm, saveNew } from "./support/credentials";
import { recorded } from "./support/credential-peers";
import { startBasicPeer } from "../test-support/peers";

// The console as a new user meets it: what they type is kept, two editors do not overwrite each
// other, and the examples shown with a new secret run as pasted.

test.use({ storageState: storageStateFor("owner") });

async function storedAllowlist(clientId: string): Promise<string[]> {
  const [row] = await query<{ allowlist: string }>(
    'select allowlist from api_key where "clientId" = ?',
    clientId,
  );
  return JSON.parse(row.allowlist) as string[];
}

test("an address typed into the allowlist but not added is added on save, or the save is refused", async ({
  page,
}) => {
  await page.goto("/production/configuration/api-keys/new");
  const form = page.getByRole("form", { name: "New API key" });
  await form.getByLabel("Name").fill("Typed allowlist");
  await form.getByRole("checkbox", { name: "environments:read", exact: true }).check();
  await form.getByLabel("Address or CIDR range").fill("10.0.0.300");
  await form.getByRole("button", { name: "Create API key" }).click();
  await expect(form.getByText(/^You typed an address you did not add/)).toBeVisible();
  await expect(form.getByLabel("Address or CIDR range")).toBeFocused();
  await expect(page).toHaveURL(/\/api-keys\/new$/);

  await form.getByLabel("Address or CIDR range").fill("127.0.0.1");
  await form.getByRole("button", { name: "Create API key" }).click();
  await expect(page.getByRole("heading", { name: "API key created" })).toBeVisible();
  const clientId = await page.getByLabel("Client ID", { exact: true }).inputValue();
  expect(await storedAllowlist(clientId)).toEqual(["127.0.0.1"]);
  await doneAndOpenKey(page, "Typed allowlist", clientId);

  // The same in the edit dialog.
  await page.getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit API key" });
  await dialog.getByLabel("Address or CIDR range").fill("::1");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  expect(await storedAllowlist(clientId)).toEqual(["127.0.0.1", "::1"]);
});

test("the allowlist says so when its address checker cannot be fetched, and adds the address once it can", async ({
  page,
}) => {
  await page.goto("/production/configuration/api-keys/new");
  const form = page.getByRole("form", { name: "New API key" });
  await page.waitForLoadState("networkidle");
  // The page is loaded; from now on no script arrives (the connection dropped).
  const scripts = "**/_next/static/**/*.js";
  await page.route(scripts, (route) => route.abort());
  await form.getByLabel("Address or CIDR range").fill("127.0.0.1");
  await form.getByRole("button", { name: "Add", exact: true }).click();
  await expect(form.getByRole("alert")).toHaveText(/could not be checked.*try again/);
  await expect(form.getByRole("list", { name: "Allowed addresses" })).toBeHidden();
  await page.unroute(scripts);
  await form.getByRole("button", { name: "Add", exact: true }).click();
  await expect(form.getByRole("list", { name: "Allowed addresses" })).toHaveText("127.0.0.1");
  await expect(form.getByRole("alert")).toBeHidden();
  await expect(form.getByLabel("Address or CIDR range")).toHaveValue("");
});

test("two editors of one key: the second save says someone else changed it instead of reverting", async ({
  page,
  browser,
}) => {
  const key = await createKeyViaUi(page, { name: "Shared key", permissions: ["environments:read"] });
  const other = await browser.newContext({ storageState: storageStateFor("owner") });
  const page2 = await other.newPage();
  await page2.goto(`/production/configuration/api-keys/${key.id}`);
  const open = async (p: Page) => {
    await p.getByRole("button", { name: "Edit" }).click();
    return p.getByRole("dialog", { name: "Edit API key" });
  };
  const first = await open(page);
  const second = await open(page2);
  await first.getByRole("checkbox", { name: "cards:read", exact: true }).check();
  await first.getByRole("button", { name: "Save changes" }).click();
  await expect(first).toBeHidden();
  await second.getByLabel("Name").fill("Shared key renamed");
  await second.getByRole("button", { name: "Save changes" }).click();
  await expect(second.getByText(/Someone else changed this key since you opened it/)).toBeVisible();
  await page2.reload();
  const again = await open(page2);
  await expect(again.getByRole("checkbox", { name: "cards:read", exact: true })).toBeChecked();
  await other.close();
});

test("each example shown with a new secret, copied from the page, prints the environments as pasted", async ({
  browser,
}) => {
  const context = await browser.newContext({
    storageState: storageStateFor("owner"),
    permissions: ["clipboard-read", "clipboard-write"],
  });
  const page = await context.newPage();
  await page.goto("/production/configuration/api-keys/new");
  const form = page.getByRole("form", { name: "New API key" });
  await form.getByLabel("Name").fill("Snippets");
  await form.getByRole("checkbox", { name: "environments:read", exact: true }).check();
  await form.getByRole("button", { name: "Create API key" }).click();
  await expect(page.getByRole("heading", { name: "API key created" })).toBeVisible();
  const baseURL = test.info().project.use.baseURL;
  await expect(page.getByText(`${baseURL}/v1`, { exact: true })).toBeVisible();

  // Without WORKBENCH_* set, so each example uses the values it was filled in with.
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("WORKBENCH_")) delete env[name];
  const runners = {
    curl: ["bash", []],
    "Bash script": ["bash", []],
    JavaScript: [process.execPath, []],
  } as const;
  for (const [label, [command, args]] of Object.entries(runners)) {
    await page.getByRole("tab", { name: label, exact: true }).click();
    await page.getByRole("button", { name: `Copy ${label} example` }).click();
    const code = await page.evaluate(() => navigator.clipboard.readText());
    const run = spawnSync(command, [...args], { input: code, env, encoding: "utf8", timeout: 30_000 });
    expect(run.status, `${label}: ${run.stderr}`).toBe(0);
    // Nothing but the answer: no progress meters, no errors.
    expect(run.stderr, label).toBe("");
    const json = run.stdout.slice(run.stdout.indexOf("{"));
    const body = JSON.parse(json) as { environments: { id: number; name: string }[] };
    expect(
      body.environments.map((e) => e.name),
      label,
    ).toEqual(["production"]);
  }
  await context.close();
});

test("the Test panel beside the form says a refused request was not sent, once, and clears a stale result", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const form = await openNewForm(page, /^Basic auth/);
  const name = `Guarded ${Date.now()}`;
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("User name").fill("user");
  await form.getByLabel("Password").fill("guarded-password-1");
  // 0.0.0.0 is allowed as a destination but not by the address guard: nothing is ever sent.
  await fillDestinations(form, ["http://0.0.0.0:9"]);
  await saveNew(page, name);

  const settings = page.getByRole("form", { name: "Credential settings" });
  const testForm = page.getByRole("form", { name: "Test credential" });
  const [left, right] = [await settings.boundingBox(), await testForm.boundingBox()];
  expect(right!.x).toBeGreaterThan(left!.x + left!.width);
  expect(right!.y).toBeLessThan(900);

  await testForm.getByLabel("Test URL").fill("http://0.0.0.0:9/health");
  await testForm.getByRole("button", { name: "Test", exact: true }).click();
  const heading = page.getByRole("heading", { name: "Test result" });
  await expect(heading).toBeInViewport();
  const result = page.getByRole("status").filter({ hasText: "Refused by the address guard" });
  await expect(result).toHaveText(/^Not sent: Refused by the address guard: /);
  const resultCard = page.locator("section, div").filter({ has: heading }).last();
  expect((await resultCard.innerText()).split("Refused by the address guard").length - 1).toBe(1);
  await expect(page.getByRole("heading", { name: "Request not sent (secrets redacted)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Request sent (secrets redacted)" })).toHaveCount(0);

  // An invalid URL: the field says why and the previous result goes.
  await testForm.getByLabel("Test URL").fill("not a url");
  await testForm.getByRole("button", { name: "Test", exact: true }).click();
  await expect(heading).toHaveCount(0);
});

test("an expiry date means through the end of that day in the member's zone; presets; rotate sets a new one", async ({
  browser,
  request,
}) => {
  // UTC+14 all year: "today" there is often tomorrow in UTC.
  const zone = "Pacific/Kiritimati";
  const context = await browser.newContext({ storageState: storageStateFor("owner"), timezoneId: zone });
  const page = await context.newPage();
  const localDate = (days: number) =>
    new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(new Date(Date.now() + days * 86_400_000));
  const endOfDay = (date: string) => new Date(`${date}T23:59:59.999+14:00`).toISOString();
  const storedExpiry = async (clientId: string) => {
    const [row] = await query<{ expiresAt: number | string | Date }>(
      'select "expiresAt" from api_key where "clientId" = ?',
      clientId,
    );
    return new Date(row.expiresAt).toISOString();
  };

  await page.goto("/production/configuration/api-keys/new");
  const form = page.getByRole("form", { name: "New API key" });
  await form.getByLabel("Name").fill("Through today");
  await form.getByRole("checkbox", { name: "environments:read", exact: true }).check();
  await form.getByLabel("Expiry date (optional)").fill(localDate(0));
  await expect(form.getByText(`Works through ${localDate(0)} 23:59 (${zone}, UTC+14:00)`)).toBeVisible();
  await form.getByRole("button", { name: "Create API key" }).click();
  await expect(page.getByRole("heading", { name: "API key created" })).toBeVisible();
  const clientId = await page.getByLabel("Client ID", { exact: true }).inputValue();
  const clientSecret = await page.getByLabel("Client secret", { exact: true }).inputValue();
  expect(await storedExpiry(clientId)).toBe(endOfDay(localDate(0)));
  await accessToken(request, clientId, clientSecret);
  await doneAndOpenKey(page, "Through today", clientId);
  await expect(page.getByText("Expires within a day")).toBeVisible();

  // A preset in the edit dialog.
  await page.getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit API key" });
  await dialog.getByRole("button", { name: "30 days" }).click();
  await expect(dialog.getByLabel("Expiry date (optional)")).toHaveValue(localDate(30));
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  expect(await storedExpiry(clientId)).toBe(endOfDay(localDate(30)));
  await expect(page.getByText("Expires in 30 days")).toBeVisible();

  // Rotating before expiry sets the new expiry in the same step.
  await page.getByRole("button", { name: "Rotate secret" }).click();
  const rotate = page.getByRole("dialog", { name: "Rotate secret" });
  await expect(rotate.getByLabel("Expiry of the key")).toHaveValue(localDate(30));
  await rotate.getByRole("button", { name: "90 days" }).click();
  await rotate.getByRole("button", { name: "Rotate secret" }).click();
  const rotated = page.getByRole("dialog", { name: "New client secret" });
  await expect(rotated).toBeVisible();
  expect(await storedExpiry(clientId)).toBe(endOfDay(localDate(90)));
  await context.close();
});

test("a new credential is tested with the values in the form before it is saved", async ({ page }) => {
  const peer = await recorded(startBasicPeer({ username: "form-user", password: "form-pass-123" }));
  try {
    const form = await openNewForm(page, /^Basic auth/);
    const name = `Unsaved ${Date.now()}`;
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("User name").fill("form-user");
    await form.getByLabel("Password").fill("wrong-pass-123");
    await fillDestinations(form, [peer.url]);
    await form.getByLabel("Test URL").fill(`${peer.url}/me`);
    await form.getByRole("button", { name: "Test", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "answered 401" })).toHaveText(/^Failed\./);
    await form.getByLabel("Password").fill("form-pass-123");
    await form.getByRole("button", { name: "Test", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "answered 200" })).toHaveText(/^Passed\./);
    await expect(page.getByRole("heading", { name: "Test result" })).toBeInViewport();
    // Nothing was saved by testing.
    expect(await count("select count(*) n from credential where name = ?", name)).toBe(0);
    expect(peer.accepted()).toHaveLength(1);
    await saveNew(page, name);
  } finally {
    await peer.close();
  }
});

test("the key page says why requests with the key were refused, and what to change", async ({
  page,
  request,
}) => {
  const key = await createKeyViaUi(page, { name: "Failing key", permissions: ["environments:read"] });
  const token = await accessToken(request, key.clientId, key.clientSecret);
  const cards = await request.get("/v1/production/cards", {
    headers: { Authorization: `Bearer ${token}`, "User-Agent": "billing-sync/2.0" },
  });
  expect(cards.status()).toBe(403);
  const wrong = await request.post(
    `/oauth2/token?grant_type=client_credentials&client_id=${encodeURIComponent(key.clientId)}`,
    {
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Authorization: `Basic ${Buffer.from(`${key.clientId}:wbsk_wrong`).toString("base64")}`,
      },
    },
  );
  expect(wrong.status()).toBe(401);
  const list = page.getByRole("list", { name: "Refused requests" });
  await expect(async () => {
    await page.reload();
    await expect(list.getByRole("listitem")).toHaveCount(2, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const permission = list.getByRole("listitem").filter({ hasText: "Missing permission cards:read" });
  await expect(permission).toContainText("Fix: Add cards:read to the key's permissions (Edit).");
  await expect(permission).toContainText("GET /v1/production/cards");
  await expect(permission).toContainText("billing-sync/2.0");
  await expect(list.getByRole("listitem").filter({ hasText: "401 · Wrong client secret" })).toBeVisible();
});

test("the command palette ranks actions first for a verb, matches whole words, and offers Viewers no create", async ({
  page,
  browser,
}) => {
  await page.goto("/production/members");
  let input = await openPalette(page);
  await input.fill("new");
  const options = page.getByRole("option");
  await expect(options.nth(0)).toHaveText("New API key");
  await expect(options.nth(1)).toHaveText("New credential");
  await input.fill("okta");
  await expect(page.getByRole("option", { name: /S3 Action Flows buckets/ })).toHaveCount(0);
  await input.fill("flows");
  await expect(page.getByRole("option", { name: /S3 Action Flows buckets/ })).toBeVisible();
  await page.keyboard.press("Escape");

  const viewer = await browser.newContext({ storageState: storageStateFor("viewer") });
  const viewerPage = await viewer.newPage();
  await viewerPage.goto("/production/configuration/api-keys");
  input = await openPalette(viewerPage);
  await input.fill("new");
  await expect(viewerPage.getByRole("option", { name: "New API key" })).toHaveCount(0);
  await expect(viewerPage.getByRole("option", { name: "New credential" })).toHaveCount(0);
  await viewer.close();
});

test("on a phone a menu opens the navigation and the environment switcher; the palette shows no Ctrl K", async ({
  browser,
}) => {
  const context = await browser.newContext({
    storageState: storageStateFor("owner"),
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await page.goto("/production/audit-log");
  await expect(page.getByRole("complementary")).toBeHidden();
  await expect(page.getByRole("button", { name: /Search or jump to/ })).toBeVisible();
  await expect(page.getByText("Ctrl K", { exact: true })).toBeHidden();
  await page.getByRole("button", { name: "Open menu" }).click();
  const drawer = page.getByRole("dialog", { name: "Workbench" });
  await expect(drawer.getByRole("navigation", { name: "Main" })).toBeVisible();
  await drawer.getByLabel("Environment").selectOption("staging");
  await expect(page).toHaveURL(/\/staging\/audit-log$/);
  await expect(drawer).toBeHidden();
  await page.getByRole("button", { name: "Open menu" }).click();
  await page.getByRole("dialog", { name: "Workbench" }).getByRole("link", { name: "Members" }).click();
  await expect(page).toHaveURL(/\/staging\/members$/);
  await expect(page.getByRole("dialog", { name: "Workbench" })).toBeHidden();
  // Nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});

test("at 1440×900 the API keys, credentials and audit log tables fit without hiding columns", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await createKeyViaUi(page, {
    name: "A key with a long allowlist",
    allowlist: ["203.0.113.0/24", "198.51.100.7", "2001:db8::/32", "192.0.2.44"],
  });
  const form = await openNewForm(page, /^Basic auth/);
  const name = `Wide ${Date.now()}`;
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("User name").fill("user");
  await form.getByLabel("Password").fill("wide-password-1");
  await fillDestinations(form, ["http://0.0.0.0:9"]);
  await saveNew(page, name);
  await page.getByLabel("Test URL").fill("http://0.0.0.0:9/health");
  await page.getByRole("button", { name: "Test", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Test result" })).toBeVisible();

  for (const path of ["/configuration/api-keys", "/configuration/integrations/credentials", "/audit-log"]) {
    await page.goto(`/production${path}`);
    const table = page.getByRole("table").first();
    await expect(table).toBeVisible();
    const [scroll, client] = await table.evaluate((t) => [
      t.parentElement!.scrollWidth,
      t.parentElement!.clientWidth,
    ]);
    expect(scroll, path).toBeLessThanOrEqual(client);
    // Each body cell keeps its padding, rule and top alignment (one stylesheet rule gives them;
    // a table with many columns narrows the sides to 12px).
    const cell = await table
      .locator("tbody td")
      .first()
      .evaluate((td) => {
        const style = getComputedStyle(td);
        return [style.paddingLeft, style.paddingTop, style.borderBottomWidth, style.verticalAlign];
      });
    expect(cell, path).toEqual([expect.stringMatching(/^(12|16)px$/), "12px", "1px", "top"]);
  }
  await page.goto("/production/configuration/api-keys");
  const allowlist = page
    .getByRole("row", { name: /A key with a long allowlist/ })
    .getByTitle(/2001:db8::\/32/);
  await expect(allowlist).toHaveText("203.0.113.0/24 +3 more");
  await page.goto("/production/audit-log");
  await expect(page.getByRole("cell", { name: /Created API key/ }).first()).toBeVisible();
});

test("the account menu names the member and their role once", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/production/members");
  const menu = page.getByRole("button", { name: /^Account menu for / });
  const text = (await menu.innerText()).replace(/\s+/g, " ").trim();
  expect(text.match(/\bOwner\b/g)).toHaveLength(1);
  expect(text).toContain("owner@e2e.test");
});
