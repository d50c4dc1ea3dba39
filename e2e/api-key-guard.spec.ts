import { expect, test } from "@playwright/test";
import { storageStateFor } from "./support/users";
import { count, query } from "./support/database";
import { accessToken, callApi, createKeyViaUi, requestToken } from "./support/api-keys";
import { expectNoAxeViolations } from "./support/console";
import { rememberSecret, confirmSecretCopied } from "./support/secrets";

// A report-only IP allowlist and a rotation grace that follows traffic, set up in the console and
// proven against the real token endpoint and /v1 API of the e2e server (calls come from 127.0.0.1).

test.use({ storageState: storageStateFor("owner") });

test("a report-only allowlist lets other addresses in, lists them with counts, and “Allow these and enforce” enforces it", async ({
  page,
  request,
}) => {
  const key = await createKeyViaUi(page, { name: "Report-only key", allowlist: ["198.51.100.7"] });
  // Switch the allowlist to report only in the edit dialog.
  await page.getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit API key" });
  await expect(dialog.getByRole("radio", { name: /^Enforce/ })).toBeChecked();
  await dialog.getByRole("radio", { name: /^Report only/ }).check();
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Report only: not enforced")).toBeVisible();

  // 127.0.0.1 is outside the list: the requests work and are counted.
  const token = await accessToken(request, key.clientId, key.clientSecret);
  expect((await callApi(request, token)).status()).toBe(200);
  expect((await callApi(request, token)).status()).toBe(200);
  await page.reload();
  const card = page.getByRole("region", { name: "IP allowlist: report only" });
  const table = card.getByRole("table", { name: "Addresses outside the allowlist" });
  await expect(table.getByRole("row", { name: /127\.0\.0\.1\s+3\b/ })).toBeVisible();
  await expectNoAxeViolations(page);

  await card.getByRole("button", { name: "Allow this address and enforce" }).click();
  await expect(page.getByText("Addresses allowed; the allowlist is enforced")).toBeVisible();
  await expect(card).toBeHidden();
  await expect(page.getByText("Report only: not enforced")).toBeHidden();
  const allowed = page.getByRole("list", { name: "Allowed addresses" });
  await expect(allowed).toContainText("198.51.100.7");
  await expect(allowed).toContainText("127.0.0.1");
  const [row] = await query<{ allowlist: string; allowlistMode: string }>(
    `select allowlist, "allowlistMode" from api_key where id = ?`,
    key.id,
  );
  expect(row).toEqual({ allowlist: JSON.stringify(["198.51.100.7", "127.0.0.1"]), allowlistMode: "enforce" });
  expect(
    await count(
      `select count(*) n from audit_event where action = 'api_key.allowlist_enforce' and "targetId" = ?`,
      key.id,
    ),
  ).toBe(1);
  await expect(page.getByRole("list", { name: "Changes to this key" })).toContainText(
    "Allowed the addresses seen and enforced the IP allowlist",
  );
  // Enforced now, and 127.0.0.1 is on the list: still served.
  expect((await callApi(request, token)).status()).toBe(200);
});

test("a rotation grace that follows traffic shows when and from where the old secret was last used", async ({
  page,
  request,
}) => {
  const key = await createKeyViaUi(page, { name: "Traffic-following key" });
  await page.getByRole("button", { name: "Rotate secret" }).click();
  let dialog = page.getByRole("dialog", { name: "Rotate secret" });
  const minutes = dialog.getByLabel("Minutes without a request that end the grace");
  // Out of range: a field error, nothing rotated.
  await minutes.fill("20000");
  await dialog.getByRole("radio", { name: /^Until the old secret is unused for/ }).check();
  await dialog.getByRole("button", { name: "Rotate secret" }).click();
  await expect(dialog.getByRole("alert").filter({ hasText: "At most 10080 minutes" })).toBeVisible();
  expect(await count(`select count(*) n from api_key where id = ? and "secretGeneration" = 1`, key.id)).toBe(
    1,
  );

  await minutes.fill("15");
  await dialog.getByRole("button", { name: "Rotate secret" }).click();
  dialog = page.getByRole("dialog", { name: "New client secret" });
  await expect(dialog.getByText(/keeps working until it has been unused for 15 minutes/)).toBeVisible();
  const newSecret = rememberSecret(await dialog.getByLabel("Client secret", { exact: true }).inputValue());
  await dialog.getByRole("button", { name: "Done" }).click();
  await confirmSecretCopied(page);
  const grace = page.getByRole("status", { name: "Rotation grace" });
  await expect(grace).toContainText("Old secret not used since the rotation");

  // Both secrets work; a use of the old one shows on the page with its address.
  await accessToken(request, key.clientId, key.clientSecret);
  await accessToken(request, key.clientId, newSecret);
  await page.reload();
  await expect(grace).toContainText("Old secret last used just now from 127.0.0.1");
  await expect(grace).toContainText("until it has been unused for 15 minutes");
  await expectNoAxeViolations(page);
  const trail = page.getByRole("list", { name: "Changes to this key" });
  await expect(trail).toContainText("Secret rotated");
  await expect(trail).toContainText("until_unused");
  expect((await requestToken(request, key.clientId, "wrong")).status()).toBe(401);
});
