import { expect, test } from "@playwright/test";
import { confirmSecretCopied } from "./support/secrets";
import { storageStateFor } from "./support/users";
import { count } from "./support/database";
import { accessToken, callApi, createKeyViaUi, requestToken } from "./support/api-keys";

// An API key's life after creation: rotate, edit and revoke/delete, each proven against the
// real token endpoint and /v1 API of the e2e server.

test.use({ storageState: storageStateFor("owner") });

test("rotating refuses the old secret at once, or after a chosen grace period", async ({ page, request }) => {
  const key = await createKeyViaUi(page, { name: "Rotating key" });
  await accessToken(request, key.clientId, key.clientSecret);

  await page.getByRole("button", { name: "Rotate secret" }).click();
  let dialog = page.getByRole("dialog", { name: "Rotate secret" });
  await expect(dialog.getByLabel(/^None/)).toBeChecked();
  await dialog.getByRole("button", { name: "Rotate secret" }).click();
  dialog = page.getByRole("dialog", { name: "New client secret" });
  await expect(dialog.getByText("The previous secret no longer works.")).toBeVisible();
  const second = await dialog.getByLabel("Client secret", { exact: true }).inputValue();
  expect(second).not.toBe(key.clientSecret);
  expect((await requestToken(request, key.clientId, key.clientSecret)).status()).toBe(401);
  await accessToken(request, key.clientId, second);
  await dialog.getByRole("button", { name: "Done" }).click();
  await confirmSecretCopied(page);
  await expect(dialog).toBeHidden();

  // With a 24 h grace period both secrets work, and the page says until when.
  await page.getByRole("button", { name: "Rotate secret" }).click();
  dialog = page.getByRole("dialog", { name: "Rotate secret" });
  await dialog.getByLabel("24 hours").check();
  await dialog.getByRole("button", { name: "Rotate secret" }).click();
  dialog = page.getByRole("dialog", { name: "New client secret" });
  await expect(dialog.getByText("The previous secret keeps working until")).toBeVisible();
  const third = await dialog.getByLabel("Client secret", { exact: true }).inputValue();
  await dialog.getByRole("button", { name: "Done" }).click();
  await confirmSecretCopied(page);
  await expect(
    page.getByText(/Rotation grace period: the previous secret keeps working until/),
  ).toBeVisible();
  await accessToken(request, key.clientId, second);
  await accessToken(request, key.clientId, third);
  expect(
    await count(
      `select count(*) n from audit_event where action = 'api_key.rotate' and "targetId" = ?`,
      key.id,
    ),
  ).toBe(2);
});

test("editing a key's permissions applies to access tokens issued before", async ({ page, request }) => {
  const key = await createKeyViaUi(page, {
    name: "Editable key",
    permissions: ["environments:read", "cards:read"],
  });
  const token = await accessToken(request, key.clientId, key.clientSecret);
  expect((await callApi(request, token)).status()).toBe(200);

  await page.getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit API key" });
  await dialog.getByLabel("Name").fill("Cards reader");
  await dialog.getByRole("checkbox", { name: "environments:read" }).uncheck();
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { name: "Cards reader", level: 1 })).toBeVisible();
  expect(
    await count(
      "select count(*) n from api_key where id = ? and name = 'Cards reader' and permissions = ?",
      key.id,
      JSON.stringify(["cards:read"]),
    ),
  ).toBe(1);

  const refused = await callApi(request, token);
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain("missing permission");
  const trail = page.getByRole("list", { name: "Changes to this key" });
  await expect(trail).toContainText("Edited");
  // In words, not JSON: what changed, from what to what.
  await expect(trail).toContainText("Name: Editable key → Cards reader");
  await expect(trail).toContainText("Permissions: environments:read, cards:read → cards:read");
});

test("revoking refuses the token endpoint and tokens issued before; deleting removes the key", async ({
  page,
  request,
}) => {
  const key = await createKeyViaUi(page, { name: "Doomed key" });
  const token = await accessToken(request, key.clientId, key.clientSecret);

  await page.getByRole("button", { name: "Revoke key" }).click();
  let dialog = page.getByRole("dialog", { name: "Revoke API key" });
  await expect(dialog.getByRole("button", { name: "Revoke key" })).toBeDisabled();
  await dialog.getByLabel("Type Doomed key to confirm").fill("Doomed key");
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText(/^Revoked on/)).toBeVisible();
  expect(await count('select count(*) n from api_key where id = ? and "revokedAt" is not null', key.id)).toBe(
    1,
  );

  const tokenResponse = await requestToken(request, key.clientId, key.clientSecret);
  expect(tokenResponse.status()).toBe(401);
  expect(((await tokenResponse.json()) as { error: string }).error).toBe("invalid_client");
  expect((await callApi(request, token)).status()).toBe(401);

  await page.goto("/production/configuration/api-keys?status=revoked");
  await expect(page.getByRole("row", { name: /Doomed key/ })).toContainText("Revoked");
  await page.getByRole("link", { name: "Doomed key" }).click();
  await page.getByRole("button", { name: "Delete key" }).click();
  dialog = page.getByRole("dialog", { name: "Delete API key" });
  await dialog.getByLabel("Type Doomed key to confirm").fill("Doomed key");
  await dialog.getByRole("button", { name: "Delete key" }).click();
  await expect(page).toHaveURL(/\/production\/configuration\/api-keys$/);
  expect(await count("select count(*) n from api_key where id = ?", key.id)).toBe(0);
  expect(
    await count(
      `select count(*) n from audit_event where action = 'api_key.delete' and "targetId" = ?`,
      key.id,
    ),
  ).toBe(1);
});
