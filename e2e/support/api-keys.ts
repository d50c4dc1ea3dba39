import { confirmSecretCopied, rememberSecret } from "./secrets";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

export type NewKey = {
  name: string;
  kind?: "fine_grained" | "legacy";
  permissions?: string[];
  role?: "auth" | "workbench" | "events";
  allowlist?: string[];
  expiry?: string;
};
export type CreatedKey = { id: string; clientId: string; clientSecret: string };

/** Creates a key on the New API key page as the signed-in member; returns its one-time values. */
export async function createKeyViaUi(
  page: Page,
  key: NewKey,
  environment = "production",
): Promise<CreatedKey> {
  await page.goto(`/${environment}/configuration/api-keys/new`);
  const form = page.getByRole("form", { name: "New API key" });
  await form.getByLabel("Name").fill(key.name);
  if (key.kind === "legacy") {
    await form.getByLabel(/^Legacy/).check();
    await form.getByRole("radio", { name: new RegExp(`^${key.role ?? "events"}\\b`) }).check();
  } else {
    for (const permission of key.permissions ?? ["environments:read"])
      await form.getByRole("checkbox", { name: permission, exact: true }).check();
  }
  if (key.expiry) await form.getByLabel("Expiry date (optional)").fill(key.expiry);
  for (const entry of key.allowlist ?? []) {
    await form.getByLabel("Address or CIDR range").fill(entry);
    await form.getByRole("button", { name: "Add", exact: true }).click();
    await expect(form.getByRole("button", { name: `Remove ${entry}` })).toBeVisible();
  }
  await form.getByRole("button", { name: "Create API key" }).click();
  await expect(page.getByRole("heading", { name: "API key created" })).toBeVisible();
  const clientId = await page.getByLabel("Client ID", { exact: true }).inputValue();
  const clientSecret = await page.getByLabel("Client secret", { exact: true }).inputValue();
  rememberSecret(clientSecret);
  const id = await doneAndOpenKey(page, key.name, clientId);
  return { id, clientId, clientSecret };
}

/**
 * Done under a new key's secret: answers the console's "Have you copied …?" question, lands on
 * the API keys list (focus on its heading, the new key listed), then opens the key's page as a
 * member would, from its row. Returns the key's id.
 */
export async function doneAndOpenKey(page: Page, name: string, clientId: string): Promise<string> {
  await page.getByRole("button", { name: "Done" }).click();
  await confirmSecretCopied(page);
  await expect(page).toHaveURL(/\/configuration\/api-keys$/);
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeFocused();
  const row = page.getByRole("row").filter({ hasText: clientId });
  await row.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop() ?? "";
}

/** POST /oauth2/token exactly as the documented bash example sends it. */
export function requestToken(request: APIRequestContext, clientId: string, clientSecret: string) {
  return request.post(
    `/oauth2/token?grant_type=client_credentials&client_id=${encodeURIComponent(clientId)}`,
    {
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
      },
    },
  );
}

export async function accessToken(
  request: APIRequestContext,
  clientId: string,
  clientSecret: string,
): Promise<string> {
  const response = await requestToken(request, clientId, clientSecret);
  expect(response.status(), await response.text()).toBe(200);
  const body = (await response.json()) as { access_token: string; token_type: string; expires_in: number };
  expect(body.token_type).toBe("Bearer");
  expect(body.expires_in).toBe(3600);
  return rememberSecret(body.access_token);
}

export function callApi(request: APIRequestContext, token: string, path = "/v1/environments") {
  return request.get(path, {
    headers: { Authorization: `Bearer ${token}`, "User-Agent": "workbench-e2e/1.0" },
  });
}

/** Waits until success toasts are gone (axe checks the page as it is, toasts included). */
export async function waitForToastsToClose(page: Page) {
  // A toast under the pointer pauses its timer (sonner), so move the pointer out of the way.
  await page.mouse.move(0, 0);
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 15_000 });
}
