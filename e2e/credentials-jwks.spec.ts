import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { startJwtPeer } from "../test-support/peers";
import { rememberSecret } from "./support/secrets";
import { storageStateFor } from "./support/users";
import { expectNoAxeViolations } from "./support/console";
import { waitForToastsToClose } from "./support/api-keys";
import { recorded } from "./support/credential-peers";
import {
  CREDENTIALS,
  PRIVATE_KEY_CONTENT,
  collectResponses,
  expectNoLeaks,
  expectTestPassed,
  fillDestinations,
  openNewForm,
  saveNew,
} from "./support/credentials";

test.use({ storageState: storageStateFor("owner") });

const unique = (prefix: string) => `${prefix} ${randomBytes(3).toString("hex")}`;
const DAY = 24 * 3600_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function newKeyPair(page: Page, name: string, destination: string) {
  const form = await openNewForm(page, /^Key-pair/);
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Algorithm").selectOption("ES256");
  await form.getByRole("button", { name: "Generate key pair" }).click();
  await form.getByLabel("Issuer (iss)").fill("workbench-e2e");
  await form.getByLabel("Audience (aud)").fill("orders-api");
  await fillDestinations(form, [destination]);
  await saveNew(page, name);
}

test("Hosted JWKS: a verifier that fetches the published key set accepts tokens from Test before and after Rotate key pair", async ({
  page,
}) => {
  const leakCheck = collectResponses(page);
  // The verifier is given the JWKS URL only: it fetches the keys itself (cached, and fetched
  // again for an unknown key ID at most once a second).
  const verifier = await startJwtPeer({ issuer: "workbench-e2e", audience: "orders-api" });
  const front = await recorded(verifier);
  try {
    const name = unique("JWKS");
    await newKeyPair(page, name, front.url);
    const panel = page.getByRole("region", { name: "Hosted JWKS" });
    await expect(panel.getByText("Not published")).toBeVisible();
    await panel.getByRole("button", { name: "Publish JWKS" }).click();
    const urlText = panel.getByTestId("jwks-url");
    await expect(urlText).toHaveText(/\/\.well-known\/jwks\/jwks_[A-Za-z0-9_-]{22}\.json$/);
    const jwksUrl = (await urlText.textContent())!;
    expect(jwksUrl.startsWith("http://localhost:")).toBe(true);
    await verifier.trust({ jwksUrl, cooldownMs: 1000 });

    await expectTestPassed(page, { url: `${front.url}/orders` });
    expect(front.accepted()).toHaveLength(1);
    const before = front.accepted()[0].headers.authorization!;

    // The set is cacheable: the same ETag answers 304.
    // (Fetched as the verifier does, with Node's fetch and no console cookie.)
    const first = await fetch(jwksUrl);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(first.headers.get("cache-control")).toBe("public, max-age=300");
    expect((await first.json()).keys).toHaveLength(1);
    expect((await fetch(jwksUrl, { headers: { "If-None-Match": etag } })).status).toBe(304);

    await waitForToastsToClose(page);
    await page.getByRole("button", { name: "Rotate key pair" }).click();
    const dialog = page.getByRole("dialog", { name: "Rotate key pair" });
    await dialog.getByLabel("Keep the previous public key published for").selectOption({ label: "1 hour" });
    await dialog.getByRole("button", { name: "Rotate key pair" }).click();
    await expect(dialog).toBeHidden();
    const keys = panel.getByRole("list", { name: "Public keys in the set" }).getByRole("listitem");
    await expect(keys).toHaveCount(2);
    await expect(keys.nth(1)).toContainText(
      /previous key, published until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/,
    );

    // After the rotation: the new key signs, the verifier fetches the set again and accepts it …
    await page.waitForTimeout(1100); // the verifier's cooldown between two fetches
    await expectTestPassed(page, { url: `${front.url}/orders` });
    expect(front.accepted()).toHaveLength(2);
    const after = front.accepted()[1].headers.authorization!;
    expect(after).not.toBe(before);
    // … and a token signed before the rotation (still in flight) verifies too.
    const inFlight = await fetch(`${front.url}/orders`, { headers: { Authorization: before } });
    expect(inFlight.status).toBe(200);
    const changed = await fetch(jwksUrl, { headers: { "If-None-Match": etag } });
    expect(changed.status).toBe(200);
    expect((await changed.json()).keys).toHaveLength(2);

    await expectNoAxeViolations(page);
    await panel.getByRole("button", { name: "Stop publishing" }).click();
    await expect(panel.getByText("Not published")).toBeVisible();
    expect((await fetch(jwksUrl)).status).toBe(404);

    await page.goto("/production/audit-log");
    await expect(page.getByText("Rotated credential key pair").first()).toBeVisible();
    await expect(page.getByText("Published credential's JWKS").first()).toBeVisible();
    await expectNoLeaks(page, leakCheck, [PRIVATE_KEY_CONTENT]);
  } finally {
    await front.close();
  }
});

test("Secret expiry: a date 10 days out shows the banner on the credential and the list, which sorts by it", async ({
  page,
}) => {
  const prefix = unique("Expiring");
  const soon = `${prefix} b-salesforce`;
  const later = `${prefix} a-aws`;
  for (const [name, days] of [
    [later, 40],
    [soon, 10],
  ] as const) {
    const form = await openNewForm(page, /^Basic auth/);
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("User name").fill("integration");
    await form.getByLabel("Password").fill(rememberSecret(`pw-${randomBytes(12).toString("hex")}`));
    await fillDestinations(form, ["https://provider.example"]);
    await saveNew(page, name);
    const expiry = page.getByRole("region", { name: "Secret expiry at the provider" });
    await expiry.getByLabel("Secret expires on").fill(dayOf(Date.now() + days * DAY));
    await expiry.getByRole("button", { name: "Save expiry" }).click();
    await expect(page.getByText("Secret expiry saved")).toBeVisible();
    if (days === 10)
      await expect(page.getByRole("alert").filter({ hasText: `The secret of ${name}` })).toContainText(
        /expires at the provider on \d{4}-\d{2}-\d{2} \(in (9|10) days\)/,
      );
    else await expect(page.getByRole("alert").filter({ hasText: "The secret of" })).toHaveCount(0);
  }

  await page.goto(`${CREDENTIALS}?q=${encodeURIComponent(prefix)}`);
  await expect(page.getByRole("alert").filter({ hasText: "within 14 days" })).toContainText(soon);
  await expect(page.getByRole("alert").filter({ hasText: "within 14 days" })).not.toContainText(later);
  const names = page.getByRole("table", { name: "Credentials" }).locator("tbody tr td:first-child a");
  await expect(names).toHaveText([later, soon]);
  const sortBy = page.getByRole("navigation", { name: "Sort credentials" });
  await expect(sortBy.getByRole("link", { name: "Name" })).toHaveAttribute("aria-current", "true");
  await sortBy.getByRole("link", { name: /^Secret expiry/ }).click();
  await expect(page).toHaveURL(/sort=secret_expiry/);
  await expect(names).toHaveText([soon, later]);
  const soonRow = page.getByRole("row").filter({ hasText: soon });
  await expect(soonRow).toContainText(/Secret expires \d{4}-\d{2}-\d{2} · in (9|10) days/);
  await expect(sortBy.getByRole("link", { name: /^Secret expiry/ })).toHaveAttribute("aria-current", "true");
  await expectNoAxeViolations(page);
});
