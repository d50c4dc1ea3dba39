import { expect, test } from "@playwright/test";
import { storageStateFor } from "./support/users";
import { expectNoAxeViolations } from "./support/console";
import { rememberSecret } from "./support/secrets";
import { query } from "./support/database";
import {
  accessToken,
  callApi,
  createKeyViaUi,
  doneAndOpenKey,
  waitForToastsToClose,
} from "./support/api-keys";

test.use({ storageState: storageStateFor("owner") });

test("a legacy key's page shows the permissions its calls needed and creates a fine-grained key with exactly those", async ({
  page,
  request,
}) => {
  const legacy = await createKeyViaUi(page, { name: "Legacy sync", kind: "legacy", role: "events" });
  const section = page.getByRole("region", { name: "Permissions in use" });
  await expect(section.getByText("No API calls with this key in the last 30 days")).toBeVisible();
  await expect(
    section.getByRole("link", { name: "Create a fine-grained key with exactly these" }),
  ).toHaveCount(0);

  const token = await accessToken(request, legacy.clientId, legacy.clientSecret);
  for (let i = 0; i < 2; i++) expect((await callApi(request, token)).status()).toBe(200);
  expect((await callApi(request, token, "/v1/production/cards")).status()).toBe(200);
  // A refused call needs nothing.
  expect((await callApi(request, token, "/v1/production/integration-credentials")).status()).toBe(403);

  await page.reload();
  const table = section.getByRole("table", { name: "Permissions its calls needed" });
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table.getByRole("row", { name: /environments:read\s+2\b/ })).toBeVisible();
  await expect(table.getByRole("row", { name: /cards:read\s+1\b/ })).toBeVisible();
  const unused = section.getByRole("list", { name: "Permissions held but unused" });
  await expect(unused.getByRole("listitem")).toHaveText([
    "cards:write",
    "customers:read",
    "customers:write",
    "events:write",
  ]);
  await waitForToastsToClose(page);
  await expectNoAxeViolations(page);

  await section.getByRole("link", { name: "Create a fine-grained key with exactly these" }).click();
  await expect(page).toHaveURL(/\/api-keys\/new\?from=/);
  const form = page.getByRole("form", { name: "New API key" });
  await expect(form.getByRole("status")).toContainText("From the observed use of Legacy sync");
  await expect(form.getByLabel("Name")).toHaveValue("Legacy sync (least privilege)");
  await expect(form.getByLabel(/^Fine-grained/)).toBeChecked();
  await expect(form.getByRole("checkbox", { name: "environments:read", exact: true })).toBeChecked();
  await expect(form.getByRole("checkbox", { name: "cards:read", exact: true })).toBeChecked();
  for (const other of ["cards:write", "customers:read", "customers:write", "events:write", "api_keys:read"])
    await expect(form.getByRole("checkbox", { name: other, exact: true })).not.toBeChecked();
  await form.getByRole("button", { name: "Create API key" }).click();

  await expect(page.getByRole("heading", { name: "API key created" })).toBeVisible();
  const clientId = await page.getByLabel("Client ID", { exact: true }).inputValue();
  const clientSecret = rememberSecret(await page.getByLabel("Client secret", { exact: true }).inputValue());
  await doneAndOpenKey(page, "Legacy sync (least privilege)", clientId);
  const trail = page.getByRole("list", { name: "Changes to this key" });
  await expect(trail).toContainText(`Created from observed use of: Legacy sync (${legacy.clientId})`);
  await expect(trail).toContainText("Observed permissions: environments:read, cards:read");

  // The new key makes the same calls and is refused the rest.
  const narrow = await accessToken(request, clientId, clientSecret);
  expect((await callApi(request, narrow)).status()).toBe(200);
  expect((await callApi(request, narrow, "/v1/production/cards")).status()).toBe(200);
  const refused = await callApi(request, narrow, "/v1/production/customers");
  expect(refused.status()).toBe(403);
  expect((await refused.json()).detail).toBe("missing permission: customers:read");

  // The legacy key is untouched: still its role and secret, still working.
  const [row] = await query<{ kind: string; role: string; version: number; revokedAt: unknown }>(
    `SELECT "kind", "role", "version", "revokedAt" FROM "api_key" WHERE "id" = ?`,
    legacy.id,
  );
  expect(row).toMatchObject({ kind: "legacy", role: "events", revokedAt: null });
  expect(Number(row.version)).toBe(1);
  expect((await callApi(request, token, "/v1/production/customers")).status()).toBe(200);
  expect((await accessToken(request, legacy.clientId, legacy.clientSecret)).length).toBeGreaterThan(0);
});
