import { expect, test, type Request } from "@playwright/test";
import { storageStateFor } from "./support/users";
import { count, query } from "./support/database";
import { expectNoAxeViolations, openPalette } from "./support/console";
import {
  accessToken,
  callApi,
  createKeyViaUi,
  doneAndOpenKey,
  waitForToastsToClose,
} from "./support/api-keys";

test.use({ storageState: storageStateFor("owner") });

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test("an owner creates a fine-grained key, copies its secret and the documented token request works", async ({
  browser,
  request,
}) => {
  const context = await browser.newContext({
    storageState: storageStateFor("owner"),
    permissions: ["clipboard-read", "clipboard-write"],
  });
  const page = await context.newPage();
  await page.goto("/production/configuration/api-keys");
  await page.getByRole("link", { name: "New API key" }).click();
  await expect(page).toHaveURL(/\/production\/configuration\/api-keys\/new$/);
  const form = page.getByRole("form", { name: "New API key" });
  await expect(form.getByLabel(/^Fine-grained/)).toBeChecked();

  await form.getByRole("button", { name: "Create API key" }).click();
  await expect(form.getByText("Give the key a name")).toBeVisible();
  await expect(form.getByText("Choose at least one permission")).toBeVisible();

  await form.getByLabel("Name").fill("Billing sync");
  await form.getByLabel("Select all").check();
  await expect(form.getByRole("checkbox", { name: "customers:write" })).toBeChecked();
  await form.getByRole("checkbox", { name: "customers:write" }).uncheck();
  await form.getByLabel("Expiry date (optional)").fill(inDays(3));
  // The member's own address (as the console sees it) is one click away.
  await expect(form.getByText("Your current IP:")).toBeVisible();
  await form.getByRole("button", { name: "Add my IP" }).click();
  await expect(form.getByRole("button", { name: "Add my IP" })).toHaveCount(0);
  await expect(form.getByRole("list", { name: "Allowed addresses" }).getByRole("listitem")).toHaveCount(1);
  await form.getByLabel("Address or CIDR range").fill("10.0.0.300");
  await form.getByRole("button", { name: "Add", exact: true }).click();
  await expect(form.getByText('"10.0.0.300" is not an IPv4/IPv6 address or CIDR range')).toBeVisible();
  for (const entry of ["127.0.0.0/8", "::1"]) {
    await form.getByLabel("Address or CIDR range").fill(entry);
    await form.getByRole("button", { name: "Add", exact: true }).click();
  }
  await expect(form.getByRole("button", { name: "Remove 127.0.0.0/8" })).toBeVisible();
  await expect(form.getByRole("button", { name: "Remove ::1" })).toBeVisible();
  await form.getByRole("button", { name: "Create API key" }).click();

  await expect(page.getByRole("heading", { name: "API key created" })).toBeVisible();
  const clientId = await page.getByLabel("Client ID", { exact: true }).inputValue();
  const secretField = page.getByLabel("Client secret", { exact: true });
  await expect(secretField).toHaveAttribute("type", "password");
  await page.getByRole("button", { name: "Copy Client secret" }).click();
  const clientSecret = await page.evaluate(() => navigator.clipboard.readText());
  expect(clientSecret).toBe(await secretField.inputValue());
  expect(clientSecret).toMatch(/^wbsk_/);
  await page.getByRole("tab", { name: "Bash script" }).click();
  const bash = page.getByLabel("Bash script example", { exact: true });
  await expect(bash).toContainText(`WORKBENCH_CLIENT_ID='${clientId}'`);
  // The secret stays masked in the examples until revealed, like the field above them.
  await expect(bash).not.toContainText(clientSecret);
  await page.getByRole("button", { name: "Reveal Client secret" }).click();
  await expect(bash).toContainText(`WORKBENCH_CLIENT_SECRET='${clientSecret}'`);
  await expect(bash).toContainText(`WORKBENCH_TOKEN_URL='${test.info().project.use.baseURL}/oauth2/token'`);
  await expect(bash).toContainText(`WORKBENCH_API_URL='${test.info().project.use.baseURL}/v1'`);
  await page.getByRole("tab", { name: "JavaScript" }).click();
  await expect(page.getByLabel("JavaScript example", { exact: true })).toContainText("cachedToken");
  await waitForToastsToClose(page);
  await expectNoAxeViolations(page);

  // Stored as a hash only; the row holds what the form chose.
  const [row] = await query<Record<string, string>>(
    'select id, kind, permissions, allowlist, "secretHash", "secretHint" from api_key where "clientId" = ?',
    clientId,
  );
  expect(row.kind).toBe("fine_grained");
  expect(JSON.parse(row.permissions)).toEqual([
    "environments:read",
    "cards:read",
    "cards:write",
    "customers:read",
    "events:write",
    "credentials:read",
    "credentials:write",
    "requests:send",
    "webhooks:read",
    "webhooks:write",
    "api_keys:read",
  ]);
  expect(JSON.parse(row.allowlist)).toEqual(expect.arrayContaining(["127.0.0.0/8", "::1"]));
  expect(row.secretHash).not.toContain(clientSecret);
  expect(row.secretHint).toBe(clientSecret.slice(-4));
  expect(await count("select count(*) n from audit_event where details like ?", `%${clientSecret}%`)).toBe(0);

  // The key works, exactly as the documented bash example uses it.
  const token = await accessToken(request, clientId, clientSecret);
  const environments = await callApi(request, token);
  expect(environments.status()).toBe(200);
  const body = (await environments.json()) as { environments: { id: number; name: string }[] };
  expect(body.environments.map((e) => e.name)).toContain("production");

  // Leaving asks first, then the list shows the key with its expiry warning and last use.
  await doneAndOpenKey(page, "Billing sync", clientId);
  await expect(page.getByText("Expires in 3 days")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Changes to this key" })).toContainText("Created");
  await page.goto("/production/configuration/api-keys");
  const row2 = page.getByRole("row", { name: /Billing sync/ });
  await expect(row2).toContainText(`••••${clientSecret.slice(-4)}`);
  await expect(row2).toContainText("Expires in 3 days");
  // The last use shows at once: the list merges what is recorded but not yet written, including
  // a batch in the middle of being written.
  await expect(row2).toContainText("workbench-e2e/1.0");
  await expect(row2).toContainText("owner@e2e.test");
  await context.close();
});

test("a legacy key gets one role, is steered to fine-grained keys and works", async ({ page, request }) => {
  await page.goto("/production/configuration/api-keys/new");
  const form = page.getByRole("form", { name: "New API key" });
  await form.getByLabel("Name").fill("Old events feed");
  await form.getByLabel(/^Legacy/).check();
  await expect(form.getByText("we recommend fine-grained keys")).toBeVisible();
  await form.getByRole("radio", { name: /^events/ }).check();
  await form.getByRole("button", { name: "Create API key" }).click();
  const clientId = await page.getByLabel("Client ID", { exact: true }).inputValue();
  const clientSecret = await page.getByLabel("Client secret", { exact: true }).inputValue();
  expect(
    await count(
      `select count(*) n from api_key where "clientId" = ? and kind = 'legacy' and role = 'events'`,
      clientId,
    ),
  ).toBe(1);

  const token = await accessToken(request, clientId, clientSecret);
  expect((await callApi(request, token)).status()).toBe(200);
  const environmentId = await count("select id n from environment where name = 'production'");
  const refused = await request.post(`/v1/${environmentId}/credentials`, {
    headers: {
      Authorization: `Bearer ${token}`,
      "User-Agent": "workbench-e2e/1.0",
      "Content-Type": "application/json",
    },
    data: { role: "events" },
  });
  expect(refused.status()).toBe(403);
  await doneAndOpenKey(page, "Old events feed", clientId);
  await expect(page.getByText("This is a legacy key with a role.")).toBeVisible();
});

test("the list searches and filters by status through the URL", async ({ page }) => {
  await createKeyViaUi(page, { name: "Searchable alpha" });
  await createKeyViaUi(page, { name: "Searchable beta" });
  await page.goto("/production/configuration/api-keys");
  await page.getByRole("searchbox", { name: "Search" }).fill("searchable al");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=searchable\+al/);
  const table = page.getByRole("table", { name: "API keys" });
  await expect(table.getByRole("link", { name: "Searchable alpha" })).toBeVisible();
  await expect(table.getByRole("link", { name: "Searchable beta" })).toHaveCount(0);
  await page.getByRole("combobox", { name: "Status" }).selectOption("revoked");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=revoked/);
  await expect(page.getByText("No API keys match")).toBeVisible();
});

test("the command palette opens New API key and jumps to a key by name", async ({ page }) => {
  const key = await createKeyViaUi(page, { name: "Palette target key" });
  await page.goto("/production/audit-log");
  let input = await openPalette(page);
  await input.fill("New API key");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/production\/configuration\/api-keys\/new$/);
  await expect(page.getByRole("heading", { name: "New API key", level: 1 })).toBeVisible();

  input = await openPalette(page);
  await input.fill("Palette target key");
  await expect(page.getByRole("option", { name: /Palette target key/ })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/production/configuration/api-keys/${key.id}$`));
  await expect(page.getByRole("heading", { name: "Palette target key", level: 1 })).toBeVisible();
});

test("a viewer cannot create API keys, and the server refuses a replayed action", async ({ browser }) => {
  const owner = await browser.newContext({ storageState: storageStateFor("owner") });
  const ownerPage = await owner.newPage();
  await ownerPage.goto("/production/configuration/api-keys/new");
  const form = ownerPage.getByRole("form", { name: "New API key" });
  await form.getByLabel("Name").fill("Captured key");
  await form.getByRole("checkbox", { name: "cards:read" }).check();
  const actionRequest = ownerPage.waitForRequest(
    (r: Request) => r.method() === "POST" && !!r.headers()["next-action"],
  );
  await form.getByRole("button", { name: "Create API key" }).click();
  const actionId = (await actionRequest).headers()["next-action"];
  await expect(ownerPage.getByRole("heading", { name: "API key created" })).toBeVisible();
  await owner.close();

  const viewer = await browser.newContext({ storageState: storageStateFor("viewer") });
  const page = await viewer.newPage();
  await page.goto("/production/configuration/api-keys");
  await expect(page.getByText("You have view-only access to API keys.")).toBeVisible();
  await expect(page.getByRole("link", { name: "New API key" })).toHaveCount(0);
  await page.getByRole("link", { name: "Captured key" }).click();
  await expect(page.getByRole("heading", { name: "Captured key", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Rotate secret" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete key" })).toHaveCount(0);
  await page.goto("/production/configuration/api-keys/new");
  await expect(page.getByText("You have view-only access to API keys.")).toBeVisible();
  await expect(page.getByRole("form", { name: "New API key" })).toHaveCount(0);

  const before = await count("select count(*) n from api_key");
  const response = await page.request.post("/production/configuration/api-keys/new", {
    headers: {
      "Next-Action": actionId,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
    },
    data: JSON.stringify([{ environment: "production", name: "Sneaky key", kind: "legacy", role: "auth" }]),
  });
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain("Your role (Viewer) cannot change API keys.");
  expect(await count("select count(*) n from api_key")).toBe(before);
  expect(await count("select count(*) n from api_key where name = 'Sneaky key'")).toBe(0);
  await viewer.close();
});

test("the API reference lists operations with their permission and links the OpenAPI document", async ({
  page,
  request,
}) => {
  await page.goto("/production/api-reference");
  const environments = page.getByRole("table", { name: "Environments operations" });
  await expect(environments.getByRole("row", { name: /GET \/v1\/environments/ })).toContainText(
    "environments:read",
  );
  const credentials = page.getByRole("table", { name: "Credentials operations" });
  await expect(
    credentials.getByRole("row", { name: /Create a workbench or events credential/ }),
  ).toContainText("Legacy role only");
  await expect(page.getByRole("table", { name: "Permissions" })).toContainText("cards:read");
  await expect(page.getByRole("link", { name: "OpenAPI document" })).toHaveAttribute(
    "href",
    "/v1/openapi.json",
  );
  const openApi = await request.get("/v1/openapi.json");
  expect(openApi.status()).toBe(200);
  expect(((await openApi.json()) as { openapi: string }).openapi).toMatch(/^3\./);
  await expectNoAxeViolations(page);
});

test("API key pages are axe clean", async ({ page }) => {
  const key = await createKeyViaUi(page, {
    name: "Accessible key",
    allowlist: ["203.0.113.0/24"],
    expiry: inDays(30),
  });
  await waitForToastsToClose(page);
  await expectNoAxeViolations(page);
  await page.goto("/production/configuration/api-keys");
  await expect(page.getByRole("link", { name: "Accessible key" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/production/configuration/api-keys/new");
  await page
    .getByRole("form", { name: "New API key" })
    .getByLabel(/^Legacy/)
    .check();
  await expectNoAxeViolations(page);
  await page.goto(`/production/configuration/api-keys/${key.id}`);
  await page.getByRole("button", { name: "Edit" }).click();
  await expect(page.getByRole("dialog", { name: "Edit API key" })).toBeVisible();
  await expectNoAxeViolations(page);
});
