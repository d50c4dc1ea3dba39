import { generateKeyPairSync, randomBytes } from "node:crypto";
import { rememberSecret } from "./support/secrets";
import { expect, test, type Request } from "@playwright/test";
import { startBasicPeer } from "../test-support/peers";
import { storageStateFor } from "./support/users";
import { count } from "./support/database";
import { expectNoAxeViolations } from "./support/console";
import {
  CREDENTIALS,
  PRIVATE_KEY_CONTENT,
  collectResponses,
  expectNoLeaks,
  expectTestPassed,
  fillDestinations,
  openNewForm,
  saveChanges,
  saveNew,
} from "./support/credentials";

test.use({ storageState: storageStateFor("owner") });

const unique = (prefix: string) => `${prefix} ${randomBytes(3).toString("hex")}`;
const secretValue = (label: string) => rememberSecret(`${label}-${randomBytes(12).toString("hex")}`);

test("the list, type picker and every form are accessible and validate field by field", async ({ page }) => {
  await page.goto(CREDENTIALS);
  await expect(page.getByRole("heading", { name: "Credentials", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "New credential" }).click();
  const types = page.getByRole("navigation", { name: "Credential types" });
  await expect(types.getByRole("link")).toHaveCount(5);
  await expectNoAxeViolations(page);
  for (const [label, firstError] of [
    [/^OAuth client credentials/, "Enter the client ID."],
    [/^AWS Signed Request/, "Enter the secret access key."],
    [/^Basic auth/, "Enter the user name."],
    [/^Key-pair/, "Paste the private key, or generate a new key pair."],
    [/^Custom headers/, "Enter a header name."],
  ] as const) {
    const form = await openNewForm(page, label);
    await expectNoAxeViolations(page);
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByText("Enter a name.")).toBeVisible();
    await expect(form.getByText(firstError)).toBeVisible();
    await expectNoAxeViolations(page);
  }
  // The Basic form warns that its credentials can be decoded; OAuth explains the 45 s cache and merged parameters.
  await openNewForm(page, /^Basic auth/);
  await expect(
    page.getByText(/less secure as it allows the username and password in your request to be decoded/),
  ).toBeVisible();
  await openNewForm(page, /^OAuth client credentials/);
  await expect(page.getByText(/cached for 45 seconds/)).toBeVisible();
  await expect(page.getByText(/query parameters in it are merged/)).toBeVisible();
  await page.getByRole("textbox", { name: "Identity URL" }).fill("ftp://example.test/token");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(
    page.getByText("Enter an http:// or https:// URL (without a user name or password)."),
  ).toBeVisible();
});

test("search and type filter live in the URL; duplicate and delete from the list", async ({ page }) => {
  const tag = randomBytes(3).toString("hex");
  for (const [label, type] of [
    [/^Basic auth/, "Basic"],
    [/^Custom headers/, "Headers"],
  ] as const) {
    const form = await openNewForm(page, label);
    await form.getByLabel("Name", { exact: true }).fill(`Filter ${type} ${tag}`);
    if (type === "Basic") {
      await form.getByLabel("User name").fill("u");
      await form.getByLabel("Password").fill(secretValue("p"));
    } else {
      await form.getByLabel("Header 1 name").fill("X-Key");
      await form.getByLabel("Header 1 value").fill(secretValue("v"));
    }
    await fillDestinations(form, ["http://127.0.0.1:9"]);
    await saveNew(page, `Filter ${type} ${tag}`);
  }
  await page.goto(CREDENTIALS);
  await page.getByLabel("Search").fill(tag);
  await page.getByLabel("Type").selectOption("basic");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${tag}&type=basic`));
  const table = page.getByRole("table", { name: "Credentials" });
  await expect(table.getByRole("link", { name: `Filter Basic ${tag}`, exact: true })).toBeVisible();
  await expect(table.getByRole("link", { name: `Filter Headers ${tag}`, exact: true })).toHaveCount(0);

  await page.getByRole("button", { name: `Duplicate Filter Basic ${tag}` }).click();
  await expect(page.getByRole("heading", { name: `Copy of Filter Basic ${tag}`, level: 1 })).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("placeholder", /unchanged/);
  await page.goto(`${CREDENTIALS}?q=${tag}`);
  await page.getByRole("button", { name: `Delete Copy of Filter Basic ${tag}` }).click();
  const dialog = page.getByRole("dialog", { name: "Delete credential" });
  await expectNoAxeViolations(page);
  // The console's one destructive confirmation: the name typed, or the button stays off.
  await expect(dialog.getByRole("button", { name: "Delete credential" })).toBeDisabled();
  await dialog.getByLabel(/to confirm/).fill(`Copy of Filter Basic ${tag}`);
  await dialog.getByRole("button", { name: "Delete credential" }).click();
  await expect(page.getByText(`Credential Copy of Filter Basic ${tag} deleted`)).toBeVisible();
  await expect(page.getByRole("link", { name: `Copy of Filter Basic ${tag}` })).toHaveCount(0);
  expect(await count("select count(*) n from credential where name = ?", `Copy of Filter Basic ${tag}`)).toBe(
    0,
  );
  expect(
    await count(
      `select count(*) n from audit_event where action = 'credential.delete' and "targetLabel" = ?`,
      `Copy of Filter Basic ${tag}`,
    ),
  ).toBe(1);
});

test("leaving a credential with unsaved changes asks first; saved changes leave freely", async ({ page }) => {
  const name = unique("Unsaved");
  const form = await openNewForm(page, /^Basic auth/);
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("User name").fill("u");
  await form.getByLabel("Password").fill(secretValue("p"));
  await fillDestinations(form, ["http://127.0.0.1:9"]);
  await saveNew(page, name); // saving a new credential moves to its page without asking

  const settings = page.getByRole("form", { name: "Credential settings" });
  await settings.getByLabel("User name").fill("changed-user");
  const sidebar = page.getByRole("navigation", { name: "Main" });
  // The console's own question, never the browser's confirm().
  const browserDialogs: string[] = [];
  page.on("dialog", (dialog) => {
    browserDialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const question = page.getByRole("alertdialog", { name: "Leave without saving?" });
  await sidebar.getByRole("link", { name: "API keys" }).click();
  await expect(question).toContainText("This credential has unsaved changes.");
  await question.getByRole("button", { name: "Keep editing" }).click();
  await expect(question).toHaveCount(0);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(settings.getByLabel("User name")).toHaveValue("changed-user");
  // Cancel is a way out too, and asks the same.
  await settings.getByRole("link", { name: "Cancel" }).click();
  await expect(question).toBeVisible();
  await question.getByRole("button", { name: "Keep editing" }).click();
  await expect(settings.getByLabel("User name")).toHaveValue("changed-user");

  await saveChanges(page);
  await sidebar.getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await expect(question).toHaveCount(0); // no question once saved
  expect(browserDialogs).toEqual([]);
});

test("a pasted private key and every other secret never reach the browser", async ({ page }) => {
  const leakCheck = collectResponses(page);
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const keyBody = pem.split("\n")[1];
  const name = unique("Pasted key");
  const form = await openNewForm(page, /^Key-pair/);
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Algorithm").selectOption("RS256");
  await form.getByLabel("Private key (PEM)").fill(pem);
  await fillDestinations(form, ["http://127.0.0.1:9"]);
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("RS256 needs an RSA private key, but this is EC key.")).toBeVisible();
  await form.getByLabel("Algorithm").selectOption("ES256");
  await saveNew(page, name);
  await expect(page.getByLabel("Private key (PEM)")).toHaveValue("");
  await page.getByRole("button", { name: "Duplicate" }).click();
  await expect(page.getByRole("heading", { name: `Copy of ${name}`, level: 1 })).toBeVisible();
  await page.reload();
  await expectNoLeaks(page, leakCheck, [keyBody, PRIVATE_KEY_CONTENT]);
});

test("a viewer sees credentials read-only and replayed actions are refused", async ({ browser }) => {
  const owner = await browser.newContext({ storageState: storageStateFor("owner") });
  const ownerPage = await owner.newPage();
  const peer = await startBasicPeer({ username: "v", password: "viewer-test-pass" });
  const keep = unique("Viewer keep");
  const doomed = unique("Viewer doomed");
  let credentialId = "";
  for (const name of [keep, doomed]) {
    const form = await openNewForm(ownerPage, /^Basic auth/);
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("User name").fill("v");
    await form.getByLabel("Password").fill("viewer-test-pass");
    await fillDestinations(form, [peer.url]);
    await saveNew(ownerPage, name);
    if (name === keep) credentialId = new URL(ownerPage.url()).pathname.split("/").pop() ?? "";
  }
  const isAction = (r: Request) => r.method() === "POST" && !!r.headers()["next-action"];
  const testRequest = ownerPage.waitForRequest(isAction);
  await ownerPage.goto(`${CREDENTIALS}/${credentialId}`);
  await expectTestPassed(ownerPage, { url: `${peer.url}/x` });
  const testActionId = (await testRequest).headers()["next-action"];
  await ownerPage.goto(CREDENTIALS);
  await ownerPage.getByRole("button", { name: `Delete ${doomed}` }).click();
  const deleteRequest = ownerPage.waitForRequest(isAction);
  await ownerPage
    .getByRole("dialog")
    .getByLabel(/to confirm/)
    .fill(doomed);
  await ownerPage.getByRole("dialog").getByRole("button", { name: "Delete credential" }).click();
  const deleteActionId = (await deleteRequest).headers()["next-action"];
  await expect(ownerPage.getByRole("link", { name: doomed, exact: true })).toHaveCount(0);
  await owner.close();
  await peer.close();

  const viewer = await browser.newContext({ storageState: storageStateFor("viewer") });
  const page = await viewer.newPage();
  await page.goto(CREDENTIALS);
  await expect(page.getByText("You have view-only access to credentials.")).toBeVisible();
  await expect(page.getByRole("link", { name: keep, exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "New credential" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^(Delete|Duplicate)/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /^Edit/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: keep, exact: true }).click();
  await expect(page.getByRole("heading", { name: keep, level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: /^(Save|Test|Delete|Duplicate|Generate)/ })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Test credential" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  const testsBefore = await count(
    `select count(*) n from audit_event where action = 'credential.test' and "targetId" = ?`,
    credentialId,
  );
  for (const [actionId, path] of [
    [deleteActionId, CREDENTIALS],
    [testActionId, `${CREDENTIALS}/${credentialId}`],
  ]) {
    const response = await page.request.post(path, {
      headers: {
        "Next-Action": actionId,
        "Content-Type": "text/plain;charset=UTF-8",
        Accept: "text/x-component",
      },
      data: JSON.stringify([{ environment: "production", id: credentialId, url: "http://127.0.0.1:9/" }]),
    });
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain("Your role (Viewer) cannot change credentials.");
  }
  expect(await count("select count(*) n from credential where id = ?", credentialId)).toBe(1);
  expect(
    await count(
      `select count(*) n from audit_event where action = 'credential.test' and "targetId" = ?`,
      credentialId,
    ),
  ).toBe(testsBefore);
  await viewer.close();
});
