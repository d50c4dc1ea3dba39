import { waitForToastsToClose } from "./support/api-keys";
import { expect, test, type Browser, type Page, type Request } from "@playwright/test";
import {
  startMarketoPeer,
  startSalesforcePeer,
  type RecordingPeer,
} from "../test-support/peers/premium-token-peers";
import { S3RVER_ACCESS_KEY_ID, startVerifiedS3, type S3Peer } from "../test-support/peers/s3-verifying-proxy";
import { expectNoAxeViolations, openPalette } from "./support/console";
import { count, query } from "./support/database";
import { runCli, seedAwsCredential } from "./support/premium";
import { storageStateFor } from "./support/users";

// Premium integrations against loopback peers only: s3rver behind a SigV4-verifying proxy, and
// Salesforce / Marketo token endpoints that refuse any request not shaped as their docs say.
test.describe.configure({ mode: "serial" });

const BASE = "/production/configuration/integrations";
const S3_SECRET = "e2e-s3-secret-key-0123456789abcdef";
const SF = {
  clientId: "sfmc-client-e2e",
  clientSecret: "sfmc-secret-e2e-0123456789",
  accountId: "514009876",
};
const MK = { clientId: "marketo-client-e2e", clientSecret: "marketo-secret-e2e-0123456789" };

let s3: S3Peer;
let salesforce: RecordingPeer;
let marketo: RecordingPeer;

test.beforeAll(async () => {
  s3 = await startVerifiedS3({
    secretAccessKey: S3_SECRET,
    region: "eu-west-1",
    buckets: ["analytics-bucket", "flows-bucket"],
  });
  salesforce = await startSalesforcePeer(SF);
  marketo = await startMarketoPeer(MK);
});
test.afterAll(async () => {
  await Promise.all([s3?.close(), salesforce?.close(), marketo?.close()]);
});

async function pageAs(browser: Browser, role: "owner" | "editor" | "viewer"): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateFor(role) });
  return context.newPage();
}

/** axe, once transient toasts (mid-animation, half transparent) have gone. */
async function expectAccessible(page: Page) {
  await waitForToastsToClose(page);
  await expectNoAxeViolations(page);
}

function auditCount(action: string, label?: string): Promise<number> {
  return label
    ? count('select count(*) n from audit_event where action = ? and "targetLabel" = ?', action, label)
    : count("select count(*) n from audit_event where action = ?", action);
}

async function noSecretAnywhere(secret: string) {
  const rows = await query<{ config: string; secrets: string }>(
    "select config, secrets from integration union all select details, '' from audit_event",
  );
  expect(rows.some((r) => r.config.includes(secret) || r.secrets.includes(secret))).toBe(false);
}

async function integrationId(name: string): Promise<string> {
  const [row] = await query<{ id: string }>("select id from integration where name = ?", name);
  return row.id;
}

async function runTest(page: Page, name: string) {
  await page.getByRole("button", { name: `Test ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Test ${name}` });
  await expect(dialog.getByRole("region", { name: "Test result" })).toBeVisible({ timeout: 20_000 });
  return dialog;
}

test("while the flags are off the premium pages explain how to enable them, and only an Owner may toggle", async ({
  browser,
}) => {
  const editor = await pageAs(browser, "editor");
  await editor.goto(`${BASE}/salesforce`);
  await expect(editor.getByRole("heading", { name: "Premium feature" })).toBeVisible();
  await expect(editor.getByText("Integration with Salesforce is a premium feature.")).toBeVisible();
  await expect(editor.getByText("npm run cli -- features enable salesforce")).toBeVisible();
  await expect(editor.getByRole("button", { name: /^Enable / })).toHaveCount(0);
  await expectAccessible(editor);
  await editor.goto("/production/settings");
  await expect(editor.getByText("Only an Owner can change organisation settings.")).toBeVisible();
  await expect(editor.getByRole("button", { name: /^Enable / })).toHaveCount(0);
  await editor.context().close();

  const owner = await pageAs(browser, "owner");
  await owner.goto(`${BASE}/aws`);
  await expect(owner).toHaveURL(/\/aws\/analytics$/);
  await expect(owner.getByText("The features that connect to S3 are premium features.")).toBeVisible();
  await expect(owner.getByText("npm run cli -- features enable aws-s3")).toBeVisible();
  await owner.goto("/production/settings");
  await expectAccessible(owner);
  await owner.getByRole("button", { name: "Enable Salesforce Marketing Cloud" }).click();
  await expect(owner.getByRole("button", { name: "Disable Salesforce Marketing Cloud" })).toBeVisible();
  expect(
    await count(
      "select count(*) n from audit_event where action = 'organisation.feature.enable' and details like '%salesforce%'",
    ),
  ).toBe(1);
  await owner.context().close();
});

test("Salesforce Marketing Cloud: create, test the v2 token request, edit with the secret unchanged, and a wrong secret fails", async ({
  browser,
}) => {
  const page = await pageAs(browser, "owner");
  await page.goto(`${BASE}/salesforce`);
  await expect(page.getByText("No Salesforce Marketing Cloud integrations yet")).toBeVisible();
  await page.getByRole("button", { name: "New Salesforce Marketing Cloud" }).click();
  const dialog = page.getByRole("dialog", { name: "New Salesforce Marketing Cloud" });
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText("Enter a name.")).toBeVisible();
  await expect(dialog.getByText("Enter the subdomain or the auth base URL.")).toBeVisible();
  await expectAccessible(page);
  await dialog.getByLabel("Name", { exact: true }).fill("SFMC production");
  await dialog.getByLabel("Auth base URL (instead of a subdomain)").fill(`${salesforce.url}/`);
  await dialog.getByLabel("Client ID").fill(SF.clientId);
  await dialog.getByLabel("Client secret").fill(SF.clientSecret);
  await dialog.getByLabel("Account ID (MID)").fill("not-a-number");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText("The account ID (MID) is a number.")).toBeVisible();
  await dialog.getByLabel("Account ID (MID)").fill(SF.accountId);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("cell", { name: "SFMC production", exact: true })).toBeVisible();
  expect(await auditCount("integration.create", "SFMC production")).toBe(1);
  await noSecretAnywhere(SF.clientSecret);

  const result = await runTest(page, "SFMC production");
  await expect(result.getByText("Passed.", { exact: true })).toBeVisible();
  await expect(result.getByText(`${salesforce.url}/rest/`, { exact: true })).toBeVisible();
  await expect(result.getByText(`${salesforce.url}/soap/`, { exact: true })).toBeVisible();
  await expect(
    result.getByText("offline email_read email_send data_extensions_read", { exact: true }),
  ).toBeVisible();
  await expect(result.getByText("1079 s", { exact: true })).toBeVisible();
  await expectAccessible(page);
  // The peer saw exactly the documented request: POST /v2/token with a JSON body incl. the MID.
  const sent = salesforce.requests.at(-1);
  expect(sent).toMatchObject({ method: "POST", path: "/v2/token", contentType: "application/json" });
  expect(JSON.parse(sent?.body ?? "{}")).toEqual({
    grant_type: "client_credentials",
    client_id: SF.clientId,
    client_secret: SF.clientSecret,
    account_id: SF.accountId,
  });
  await expect(result.getByText(SF.clientSecret)).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("row", { name: /SFMC production/ }).getByText("Passed")).toBeVisible();

  // Edit: the secret is write-only; renaming keeps it.
  await page.getByRole("button", { name: "Edit SFMC production" }).click();
  const edit = page.getByRole("dialog", { name: "Edit SFMC production" });
  await expect(edit.getByLabel("Client secret")).toHaveValue("");
  await expect(edit.getByLabel("Client secret")).toHaveAttribute("placeholder", "unchanged");
  await edit.getByLabel("Name", { exact: true }).fill("SFMC prod");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await expect((await runTest(page, "SFMC prod")).getByText("Passed.", { exact: true })).toBeVisible();
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "Edit SFMC prod" }).click();
  await page
    .getByRole("dialog", { name: "Edit SFMC prod" })
    .getByLabel("Client secret")
    .fill("a-wrong-secret");
  await page.getByRole("dialog", { name: "Edit SFMC prod" }).getByRole("button", { name: "Save" }).click();
  const failed = await runTest(page, "SFMC prod");
  await expect(failed.getByText("Failed.", { exact: true })).toBeVisible();
  await expect(failed.getByText(/invalid_client: Client authentication failed/)).toBeVisible();
  await page.keyboard.press("Escape");
  expect(await auditCount("integration.update", "SFMC prod")).toBe(2);
  expect(await auditCount("integration.test", "SFMC prod")).toBe(2);
  await noSecretAnywhere("a-wrong-secret");
  await page.context().close();
});

test("Marketo: enabled by the operator's CLI, the identity token request is a GET with query parameters", async ({
  browser,
}) => {
  expect(runCli("features", "enable", "marketo")).toContain("Marketo (marketo) is now enabled");
  expect(runCli("features", "list")).toMatch(/marketo\s+enabled/);
  const page = await pageAs(browser, "editor");
  await page.goto(`${BASE}/marketo`);
  await page.getByRole("button", { name: "New Marketo" }).click();
  const dialog = page.getByRole("dialog", { name: "New Marketo" });
  await dialog.getByLabel("Name", { exact: true }).fill("Marketo EU");
  await dialog.getByLabel("Munchkin ID", { exact: true }).fill("123ABC456");
  await dialog.getByLabel("Client ID").fill(MK.clientId);
  await dialog.getByLabel("Client secret").fill(MK.clientSecret);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText("A Munchkin ID looks like 123-ABC-456.")).toBeVisible();
  await dialog.getByLabel("Munchkin ID", { exact: true }).fill("");
  // Pasted from Admin › Web Services: the identity endpoint itself.
  await dialog.getByLabel("Base URL (instead of a Munchkin ID)").fill(`${marketo.url}/identity`);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();

  const result = await runTest(page, "Marketo EU");
  await expect(result.getByText("Passed.", { exact: true })).toBeVisible();
  await expect(result.getByText("3599 s", { exact: true })).toBeVisible();
  await expect(result.getByText("Expires at", { exact: true })).toBeVisible();
  await expect(result.getByText("api-user@example.com", { exact: true })).toBeVisible();
  const sent = marketo.requests.at(-1);
  expect(sent?.method).toBe("GET");
  const query = new URL(sent?.path ?? "/", "http://peer").searchParams;
  expect(Object.fromEntries(query)).toEqual({
    grant_type: "client_credentials",
    client_id: MK.clientId,
    client_secret: MK.clientSecret,
  });
  // The secret travelled in the query, but is redacted wherever the console shows the request.
  await expect(page.getByText(MK.clientSecret)).toHaveCount(0);
  await page.keyboard.press("Escape");
  await noSecretAnywhere(MK.clientSecret);
  await page.context().close();
});

test("S3 buckets: own keys and a saved AWS credential pass the probe; a wrong secret fails visibly at SigV4 verification", async ({
  browser,
}) => {
  const owner = await pageAs(browser, "owner");
  await owner.goto(`${BASE}/aws/action-flows`);
  await owner.getByRole("button", { name: "Enable AWS S3 buckets" }).click();
  await expect(owner.getByRole("button", { name: "New S3 Action Flows bucket" })).toBeVisible();
  await owner.context().close();
  seedAwsCredential("S3 robot", S3RVER_ACCESS_KEY_ID, S3_SECRET, "eu-west-1", s3.url);

  const page = await pageAs(browser, "editor");
  await page.goto(`${BASE}/aws/analytics`);
  await page.getByRole("button", { name: "New S3 analytics bucket" }).click();
  let dialog = page.getByRole("dialog", { name: "New S3 analytics bucket" });
  await dialog.getByLabel("Name", { exact: true }).fill("Analytics export");
  await dialog.getByLabel("Bucket", { exact: true }).fill("Analytics_Bucket");
  await dialog.getByLabel("Region", { exact: true }).fill("eu-west-1");
  await dialog.getByLabel("Prefix (optional)").fill("exports/");
  await dialog.getByLabel("Its own access keys").check();
  await dialog.getByLabel("Access key ID").fill(S3RVER_ACCESS_KEY_ID);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText(/A bucket name has 3–63 lower-case letters/)).toBeVisible();
  await expect(dialog.getByText("Enter the secret access key.")).toBeVisible();
  await dialog.getByLabel("Bucket", { exact: true }).fill("analytics-bucket");
  await dialog.getByLabel("Secret access key").fill(S3_SECRET);
  await dialog.getByLabel("Endpoint URL (optional)").fill(s3.url);
  await dialog.getByLabel("Path-style addressing").check();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();

  let result = await runTest(page, "Analytics export");
  await expect(result.getByText("Passed.", { exact: true })).toBeVisible();
  const steps = result.getByRole("table", { name: "Probe steps" });
  for (const step of ["Write", "Read", "Delete"])
    await expect(steps.getByRole("row", { name: new RegExp(`^${step} OK`) })).toBeVisible();
  await expect(result.getByText(/^exports\/workbench-probe-/)).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press("Escape");
  // The probe's own requests (the bucket also receives the environment's analytics exports).
  expect(
    s3.requests.filter((r) => r.verdict === "ok" && r.path.includes("workbench-probe-")).map((r) => r.method),
  ).toEqual(["PUT", "GET", "DELETE"]);

  // Pointing the saved secret at another endpoint needs the secret typed again in the same save.
  await page.getByRole("button", { name: "Edit Analytics export" }).click();
  dialog = page.getByRole("dialog", { name: "Edit Analytics export" });
  await dialog.getByLabel("Endpoint URL (optional)").fill("http://127.0.0.1:9");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText(/Type this secret again/)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // A wrong secret: the verifying layer recomputes the signature and refuses; nothing reaches s3rver.
  await page.getByRole("button", { name: "Edit Analytics export" }).click();
  dialog = page.getByRole("dialog", { name: "Edit Analytics export" });
  await expect(dialog.getByLabel("Secret access key")).toHaveAttribute("placeholder", "unchanged");
  await dialog.getByLabel("Secret access key").fill("wrong-secret-for-the-s3-store");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  result = await runTest(page, "Analytics export");
  await expect(result.getByText("Failed.", { exact: true })).toBeVisible();
  await expect(result.getByRole("row", { name: /^Write Failed 403/ })).toContainText("SignatureDoesNotMatch");
  await expect(result.getByRole("row", { name: /^Read Skipped/ })).toBeVisible();
  await page.keyboard.press("Escape");
  expect(s3.requests.at(-1)).toMatchObject({ method: "PUT", verdict: "refused" });
  await expect(page.getByRole("row", { name: /Analytics export/ }).getByText("Failed")).toBeVisible();

  // Action Flows bucket with a saved AWS Signed Request credential, resolved on the server.
  await page.getByRole("link", { name: "S3 Action Flows buckets" }).click();
  await page.getByRole("button", { name: "New S3 Action Flows bucket" }).click();
  dialog = page.getByRole("dialog", { name: "New S3 Action Flows bucket" });
  await dialog.getByLabel("Name", { exact: true }).fill("Flows store");
  await dialog.getByLabel("Bucket", { exact: true }).fill("flows-bucket");
  await dialog.getByLabel("Region", { exact: true }).fill("eu-west-1");
  await dialog.getByLabel("Credential", { exact: true }).selectOption({ label: "S3 robot (eu-west-1)" });
  await dialog.getByLabel("Endpoint URL (optional)").fill(s3.url);
  await dialog.getByLabel("Path-style addressing").check();
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("row", { name: /Flows store/ }).getByText("S3 robot")).toBeVisible();
  result = await runTest(page, "Flows store");
  await expect(result.getByText("Passed.", { exact: true })).toBeVisible();
  await expect(result.getByText(/credential "S3 robot"/)).toBeVisible();
  await page.keyboard.press("Escape");
  expect(await auditCount("integration.test", "Flows store")).toBe(1);

  // The credential's page says who uses it and what that use did; deleting it is refused, naming the bucket.
  await page.goto("/production/configuration/integrations/credentials");
  await expect(page.getByRole("row", { name: /S3 robot/ }).getByTestId("last-use")).toContainText(
    'by S3 Action Flows bucket "Flows store"',
  );
  await page.getByRole("link", { name: "S3 robot", exact: true }).click();
  await expect(page.getByRole("list", { name: "Used by" })).toContainText(
    "S3 Action Flows bucket Flows store",
  );
  await page.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete credential" });
  await expect(confirm).toContainText('S3 robot is used by S3 Action Flows bucket "Flows store"');
  await confirm.getByLabel(/to confirm/).fill("S3 robot");
  await confirm.getByRole("button", { name: "Delete credential" }).click();
  await expect(confirm.getByRole("alert")).toContainText(
    'The credential "S3 robot" is used by S3 Action Flows bucket "Flows store".',
  );
  await page.keyboard.press("Escape");
  await noSecretAnywhere(S3_SECRET);
  await page.context().close();
});

test('a bucket test the address guard refuses reads "Not sent" like a credential\'s; settings are audited in words; deleting asks for the name', async ({
  browser,
}) => {
  const page = await pageAs(browser, "editor");
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${BASE}/aws/analytics`);
  await page.getByRole("button", { name: "New S3 analytics bucket" }).click();
  let dialog = page.getByRole("dialog", { name: "New S3 analytics bucket" });
  await dialog.getByLabel("Name", { exact: true }).fill("Guarded bucket");
  await dialog.getByLabel("Bucket", { exact: true }).fill("guarded-bucket");
  await dialog.getByLabel("Region", { exact: true }).fill("eu-west-1");
  await dialog.getByLabel("Its own access keys").check();
  await dialog.getByLabel("Access key ID").fill(S3RVER_ACCESS_KEY_ID);
  await dialog.getByLabel("Secret access key").fill(S3_SECRET);
  // The unspecified address: refused by the address guard before any connection.
  await dialog.getByLabel("Endpoint URL (optional)").fill("http://0.0.0.0:9");
  await dialog.getByLabel("Path-style addressing").check();
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();

  const result = await runTest(page, "Guarded bucket");
  const headline = result.getByRole("status").filter({ hasText: "Refused by the address guard" });
  await expect(headline).toHaveText(/^Not sent: Refused by the address guard: /);
  expect(((await headline.textContent()) ?? "").split("Refused by the address guard").length - 1).toBe(1);
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "Edit Guarded bucket" }).click();
  dialog = page.getByRole("dialog", { name: "Edit Guarded bucket" });
  await dialog.getByLabel("Region", { exact: true }).fill("us-east-1");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();

  // The audit log says what was set and what changed, in words.
  await page.goto("/production/audit-log?action=integration.create");
  const created = page.getByRole("row", { name: /Guarded bucket/ });
  await expect(created).toContainText("Kind: S3 analytics bucket");
  for (const words of [
    "Settings: Bucket: guarded-bucket",
    "Region: eu-west-1",
    "Keys from: its own access keys",
    "Endpoint URL: http://0.0.0.0:9",
    "Path-style addressing: yes",
  ])
    await expect(created).toContainText(words);
  await page.goto("/production/audit-log?action=integration.update");
  const updated = page.getByRole("row", { name: /Guarded bucket/ });
  await expect(updated).toContainText("Settings: Region: eu-west-1 → us-east-1");
  for (const row of [created, updated]) expect(await row.textContent()).not.toMatch(/[{}]/);

  // Deleting needs the bucket's name typed, in the console's one dialog.
  await page.goto(`${BASE}/aws/analytics`);
  await page.getByRole("button", { name: "Delete Guarded bucket" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete S3 analytics bucket" });
  await expect(confirm.getByRole("button", { name: "Delete", exact: true })).toBeDisabled();
  await confirm.getByLabel("Type Guarded bucket to confirm").fill("Guarded");
  await expect(confirm.getByRole("button", { name: "Delete", exact: true })).toBeDisabled();
  await confirm.getByLabel("Type Guarded bucket to confirm").fill("Guarded bucket");
  await confirm.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByText('"Guarded bucket" deleted')).toBeVisible();
  await expect(page.getByRole("cell", { name: "Guarded bucket", exact: true })).toHaveCount(0);
  expect(await count("select count(*) n from integration where name = ?", "Guarded bucket")).toBe(0);
  expect(dialogs).toEqual([]);
  await page.context().close();
});

test("a viewer sees the buckets read-only and the palette reaches every premium page", async ({
  browser,
}) => {
  const page = await pageAs(browser, "viewer");
  await page.goto(`${BASE}/aws/analytics`);
  await expect(page.getByText("You have view-only access to integrations.")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Analytics export", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: /^(Test|Edit|Delete) / })).toHaveCount(0);
  await expectAccessible(page);
  for (const [entry, path] of [
    ["S3 Action Flows buckets", /\/aws\/action-flows$/],
    ["S3 analytics buckets", /\/aws\/analytics$/],
    ["Salesforce", /\/integrations\/salesforce$/],
    ["Marketo", /\/integrations\/marketo$/],
  ] as const) {
    const input = await openPalette(page);
    await input.fill(entry);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(path);
  }
  await page.context().close();
});

test("with the flag turned off again, the pages and their server actions are refused", async ({
  browser,
}) => {
  const page = await pageAs(browser, "owner");
  await page.goto(`${BASE}/salesforce`);
  // Capture the real Test action id from an allowed call…
  const actionRequest = page.waitForRequest(
    (r: Request) => r.method() === "POST" && !!r.headers()["next-action"],
  );
  await runTest(page, "SFMC prod");
  const actionId = (await actionRequest).headers()["next-action"];
  await page.keyboard.press("Escape");
  const id = await integrationId("SFMC prod");

  await page.goto("/production/settings");
  await page.getByRole("button", { name: "Disable Salesforce Marketing Cloud" }).click();
  await expect(page.getByRole("button", { name: "Enable Salesforce Marketing Cloud" })).toBeVisible();
  expect(
    await count(
      "select count(*) n from audit_event where action = 'organisation.feature.disable' and details like '%salesforce%'",
    ),
  ).toBe(1);

  await page.goto(`${BASE}/salesforce`);
  await expect(page.getByRole("heading", { name: "Premium feature" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "SFMC prod", exact: true })).toHaveCount(0);

  // …then call it directly: the server refuses on the flag, and nothing is sent or audited.
  const before = {
    tests: await auditCount("integration.test", "SFMC prod"),
    peer: salesforce.requests.length,
  };
  const response = await page.request.post(`${BASE}/salesforce`, {
    headers: {
      "Next-Action": actionId,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
    },
    data: JSON.stringify([{ id }]),
  });
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain("is a premium feature that is not enabled for your organisation");
  expect(await auditCount("integration.test", "SFMC prod")).toBe(before.tests);
  expect(salesforce.requests.length).toBe(before.peer);
  await page.context().close();
});
