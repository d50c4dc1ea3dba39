import { rememberSecret } from "./secrets";
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
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("heading", { name: key.name, level: 1 })).toBeVisible();
  const id = new URL(page.url()).pathname.split("/").pop() ?? "";
  return { id, clientId, clientSecret: rememberSecret(clientSecret) };
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
