import { randomBytes } from "node:crypto";
import { rememberSecret } from "./support/secrets";
import { expect, test, type Locator, type Page } from "@playwright/test";
import {
  startBasicPeer,
  startJwtPeer,
  startOidcPeer,
  startSigV4Peer,
  type OidcPeer,
} from "../test-support/peers";
import { listenOnLoopback, sendJson, type Peer } from "../test-support/peers/listen";
import { storageStateFor } from "./support/users";
import { recorded, startHeadersPeer, type RecordedPeer } from "./support/credential-peers";
import { CREDENTIALS, fillDestinations, openNewForm, runTest, saveNew } from "./support/credentials";

// Send Request from each credential's page to a local peer that verifies the credential its own
// way, then "Last used" shows it; a use towards another origin is refused in the UI and the
// peer there receives nothing.

test.use({ storageState: storageStateFor("owner") });

const unique = (prefix: string) => `${prefix} ${randomBytes(3).toString("hex")}`;
const secretValue = (label: string) => rememberSecret(`${label}-${randomBytes(12).toString("hex")}`);

async function sendFromPage(page: Page, url: string, method = "GET"): Promise<Locator> {
  await page.getByRole("tab", { name: "Send request" }).click();
  const form = page.getByRole("form", { name: "Send request" });
  await form.getByLabel("Method").selectOption(method);
  await form.getByLabel("URL").fill(url);
  await expect(form.getByLabel("URL")).toHaveValue(url);
  await form.getByRole("button", { name: "Send" }).press("Enter");
  const answer = page.getByRole("region", { name: "Response" });
  await expect(answer.or(form.getByRole("alert"))).toBeVisible({ timeout: 20_000 });
  return answer;
}

async function expectSent(page: Page, url: string, name: string) {
  const answer = await sendFromPage(page, url);
  await expect(answer.getByTestId("sent-status")).toHaveText("200");
  // "Last used" on the page and on the list: when, by the console (this member), where, result.
  await page.reload();
  const lastUse = page.getByTestId("last-use").first();
  await expect(lastUse).toContainText("by the console owner@");
  await expect(lastUse).toContainText(new URL(url).origin);
  await expect(lastUse).toContainText("OK");
  await page.goto(CREDENTIALS);
  await expect(page.getByRole("row", { name: new RegExp(name) }).getByTestId("last-use")).toContainText(
    "by the console",
  );
}

test("Basic: Send request to a Basic-verifying peer, then Last used shows it", async ({ page }) => {
  const password = secretValue("send-basic");
  const peer = await recorded(startBasicPeer({ username: "send-user", password }));
  try {
    const name = unique("Send Basic");
    const form = await openNewForm(page, /^Basic auth/);
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("User name").fill("send-user");
    await form.getByLabel("Password").fill(password);
    await fillDestinations(form, [peer.url]);
    await saveNew(page, name);
    await expect(page.getByRole("list", { name: "Allowed destinations" })).toContainText(peer.url);
    await expectSent(page, `${peer.url}/me`, name);
    expect(peer.accepted()).toHaveLength(1);
  } finally {
    await peer.close();
  }
});

test("Custom headers: Send request to a header-checking peer; another origin is refused, nothing sent", async ({
  page,
}) => {
  const apiKey = secretValue("send-header");
  const peer = await recorded(startHeadersPeer({ "X-Api-Key": apiKey }));
  const elsewhere = await recorded(listenOnLoopback((_req, res) => sendJson(res, 200, {})));
  try {
    const name = unique("Send Headers");
    const form = await openNewForm(page, /^Custom headers/);
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("Header 1 name").fill("X-Api-Key");
    await form.getByLabel("Header 1 value").fill(apiKey);
    await fillDestinations(form, [peer.url]);
    await saveNew(page, name);

    await sendFromPage(page, `${elsewhere.url}/steal`);
    await expect(page.getByRole("form", { name: "Send request" }).getByRole("alert")).toContainText(
      `may only be sent to ${peer.url}`,
    );
    // The tabs follow the arrow keys (the WAI-ARIA tabs pattern): Send request → Test.
    await page.getByRole("tab", { name: "Send request" }).press("ArrowLeft");
    await expect(page.getByRole("tab", { name: "Test" })).toBeFocused();
    await expect(page.getByRole("tab", { name: "Test" })).toHaveAttribute("aria-selected", "true");
    const refusedTest = await runTest(page, { url: `${elsewhere.url}/steal` });
    await expect(refusedTest.getByRole("status").first()).toContainText("Outside the allowed destinations");
    expect(elsewhere.received).toHaveLength(0);

    await expectSent(page, `${peer.url}/data`, name);
    expect(peer.accepted()[0].headers["x-api-key"]).toBe(apiKey);
  } finally {
    await peer.close();
    await elsewhere.close();
  }
});

test("AWS Signed Request: Send request to a peer that recomputes SigV4 with aws4", async ({ page }) => {
  const options = {
    accessKeyId: "AKIAE2ESEND0001",
    secretAccessKey: secretValue("send-aws"),
    region: "eu-west-1",
    service: "sts",
  };
  const peer = await recorded(startSigV4Peer(options), { preserveHost: true });
  try {
    const name = unique("Send AWS");
    const form = await openNewForm(page, /^AWS Signed Request/);
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("Access key ID").fill(options.accessKeyId);
    await form.getByLabel("Secret access key").fill(options.secretAccessKey);
    await form.getByLabel("Service").fill("sts");
    await form.getByLabel("Region").fill("eu-west-1");
    await fillDestinations(form, [peer.url]);
    await saveNew(page, name);
    await expectSent(page, `${peer.url}/?Action=GetCallerIdentity&Version=2011-06-15`, name);
    expect(peer.accepted()).toHaveLength(1);
    expect(peer.accepted()[0].headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAE2ESEND0001\//,
    );
  } finally {
    await peer.close();
  }
});

test("Key-pair: Send request to a peer verifying the JWT with the public key copied from the page", async ({
  page,
}) => {
  const verifier = await startJwtPeer({ issuer: "workbench-send", audience: "send-api" });
  const peer: RecordedPeer = await recorded(verifier);
  try {
    const name = unique("Send JWT");
    const form = await openNewForm(page, /^Key-pair/);
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("Algorithm").selectOption("ES256");
    await form.getByRole("button", { name: "Generate key pair" }).click();
    await form.getByLabel("Issuer (iss)").fill("workbench-send");
    await form.getByLabel("Audience (aud)").fill("send-api");
    await fillDestinations(form, [peer.url]);
    await saveNew(page, name);
    const pem = await page.getByRole("textbox", { name: "Public key (PEM)" }).inputValue();
    await verifier.trust({ pem, algorithm: "ES256" });
    await expectSent(page, `${peer.url}/orders`, name);
    expect(peer.accepted()).toHaveLength(1);
  } finally {
    await peer.close();
  }
});

test("OAuth: Send request with the bearer issued by oidc-provider", async ({ page }) => {
  const secret = secretValue("send-oidc");
  const idp: OidcPeer = await startOidcPeer({ clientId: "send-client", clientSecret: secret, scope: "read" });
  const bearers: string[] = [];
  const api: Peer = await listenOnLoopback((req, res) => {
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (bearer) bearers.push(bearer);
    sendJson(res, bearer ? 200 : 401, {});
  });
  try {
    const name = unique("Send OAuth");
    const form = await openNewForm(page, /^OAuth client credentials/);
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByRole("textbox", { name: "Identity URL" }).fill(idp.tokenUrl);
    await form.getByLabel("Client ID").fill("send-client");
    await form.getByLabel("Client secret").fill(secret);
    await form.getByLabel("Scope (optional)").fill("read");
    await form.getByRole("button", { name: `Add ${idp.url} (the Identity URL's origin)` }).click();
    await form.getByRole("button", { name: "Add destination" }).click();
    await form.getByLabel("Destination 2", { exact: true }).fill(api.url);
    await saveNew(page, name);
    await expectSent(page, `${api.url}/data`, name);
    expect(idp.tokenRequests()).toBe(1);
    expect(bearers).toHaveLength(1);
    expect(bearers[0]).not.toContain(secret);

    // Pointing the saved secret at another Identity URL needs it typed again in the same save.
    await page.getByRole("link", { name, exact: true }).click();
    const settings = page.getByRole("form", { name: "Credential settings" });
    await settings.getByRole("textbox", { name: "Identity URL" }).fill(`${api.url}/token`);
    await settings.getByRole("button", { name: "Save" }).click();
    await expect(settings.getByText(/Type this secret again/)).toBeVisible();
    expect(idp.tokenRequests()).toBe(1);
  } finally {
    await api.close();
    await idp.close();
  }
});
