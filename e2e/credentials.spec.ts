import { randomBytes } from "node:crypto";
import { rememberSecret } from "./support/secrets";
import { expect, test } from "@playwright/test";
import {
  startBasicPeer,
  startJwtPeer,
  startOidcPeer,
  startQueryTokenPeer,
  startSigV4Peer,
} from "../test-support/peers";
import { storageStateFor } from "./support/users";
import { expectNoAxeViolations } from "./support/console";
import { waitForToastsToClose } from "./support/api-keys";
import { closedLoopbackUrl, recorded, startHeadersPeer } from "./support/credential-peers";
import {
  CREDENTIALS,
  PRIVATE_KEY_CONTENT,
  collectResponses,
  expectNoLeaks,
  expectTestPassed,
  expectTestRefused,
  fillDestinations,
  openNewForm,
  runTest,
  saveChanges,
  saveNew,
} from "./support/credentials";

test.use({ storageState: storageStateFor("owner") });

const unique = (prefix: string) => `${prefix} ${randomBytes(3).toString("hex")}`;
const secretValue = (label: string) => rememberSecret(`${label}-${randomBytes(12).toString("hex")}`);

test("OAuth body parameters against oidc-provider: token test, wrong secret refused, nothing leaks", async ({
  page,
}) => {
  const leakCheck = collectResponses(page);
  const secret = secretValue("oidc-secret");
  const peer = await recorded(
    startOidcPeer({ clientId: "workbench-e2e", clientSecret: secret, scope: "read write" }),
  );
  try {
    const name = unique("OIDC body");
    const form = await openNewForm(page, /^OAuth client credentials/);
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByRole("textbox", { name: "Identity URL" }).fill(`${peer.url}/token`);
    await form.getByLabel("Client ID").fill("workbench-e2e");
    await form.getByLabel("Client secret").fill(secret);
    await form.getByLabel("Scope (optional)").fill("read");
    await form.getByRole("radio", { name: /^Body parameters/ }).check();
    // The console proposes the Identity URL's origin as the destination.
    await form.getByRole("button", { name: `Add ${peer.url} (the Identity URL's origin)` }).click();
    await expect(form.getByLabel("Destination 1", { exact: true })).toHaveValue(peer.url);
    await saveNew(page, name);
    await expect(page.getByLabel("Client secret")).toHaveValue("");
    await expect(page.getByLabel("Client secret")).toHaveAttribute("placeholder", /unchanged/);

    const result = await expectTestPassed(page);
    await expect(result).toContainText("token_type");
    await expect(result).toContainText("Bearer");
    await expect(result).toContainText("client_secret=[redacted]");
    const accepted = peer.accepted().filter((r) => r.method === "POST" && r.path === "/token");
    expect(accepted).toHaveLength(1);
    expect(accepted[0].headers["content-type"]).toContain("application/x-www-form-urlencoded");
    await page.mouse.move(0, 0); // a hovered toast stays open
    await waitForToastsToClose(page);
    await expectNoAxeViolations(page);

    const wrong = secretValue("wrong");
    await page.getByLabel("Client secret").fill(wrong);
    await saveChanges(page);
    await expectTestRefused(page, 401);
    await page.goto(CREDENTIALS);
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Failed");
    await expectNoLeaks(page, leakCheck, [secret, wrong]);
  } finally {
    await peer.close();
  }
});

for (const scheme of [
  { label: /^URL query parameters \(GET\)/, method: "GET" as const },
  { label: /^URL query parameters \(POST/, method: "POST" as const },
]) {
  test(`OAuth query parameters (${scheme.method}) merge the Identity URL's own parameters`, async ({
    page,
  }) => {
    const leakCheck = collectResponses(page);
    const secret = secretValue("query-secret");
    const peer = await startQueryTokenPeer({
      clientId: "query-client",
      clientSecret: secret,
      method: scheme.method,
      extra: { resource: "api://orders", tenant: "acme" },
    });
    try {
      const name = unique(`OAuth query ${scheme.method}`);
      const form = await openNewForm(page, /^OAuth client credentials/);
      await form.getByLabel("Name", { exact: true }).fill(name);
      await form
        .getByRole("textbox", { name: "Identity URL" })
        .fill(`${peer.tokenUrl}?resource=${encodeURIComponent("api://orders")}&tenant=acme`);
      await form.getByLabel("Client ID").fill("query-client");
      await form.getByLabel("Client secret").fill(secret);
      await form.getByLabel("Scope (optional)").fill("orders.read");
      await form.getByRole("radio", { name: scheme.label }).check();
      await fillDestinations(form, [new URL(peer.tokenUrl).origin]);
      await saveNew(page, name);
      const result = await expectTestPassed(page);
      await expect(result).toContainText("orders.read");
      const last = peer.requests.at(-1);
      expect(last).toMatchObject({
        method: scheme.method,
        body: "",
        query: {
          grant_type: "client_credentials",
          client_id: "query-client",
          client_secret: secret,
          resource: "api://orders",
          tenant: "acme",
          scope: "orders.read",
        },
      });

      const wrong = secretValue("wrong");
      await page.getByLabel("Client secret").fill(wrong);
      await saveChanges(page);
      await expectTestRefused(page, 401);
      await expectNoLeaks(page, leakCheck, [secret, wrong]);
    } finally {
      await peer.close();
    }
  });
}

for (const variant of [
  { signQuery: false, sessionToken: false },
  { signQuery: false, sessionToken: true },
  { signQuery: true, sessionToken: false },
  { signQuery: true, sessionToken: true },
]) {
  const title = `${variant.signQuery ? "sign query" : "Authorization header"}, ${variant.sessionToken ? "with" : "without"} session token`;
  test(`AWS Signed Request against a SigV4-verifying peer: ${title}`, async ({ page }) => {
    const leakCheck = collectResponses(page);
    const secretAccessKey = secretValue("aws-secret");
    const sessionToken = variant.sessionToken ? secretValue("aws-session") : undefined;
    const options = {
      accessKeyId: "AKIAE2ETEST0001",
      secretAccessKey,
      sessionToken,
      region: "eu-west-1",
      service: "sts",
    };
    const peer = await recorded(startSigV4Peer(options), { preserveHost: true });
    try {
      const name = unique("AWS");
      const form = await openNewForm(page, /^AWS Signed Request/);
      await form.getByLabel("Name", { exact: true }).fill(name);
      await form.getByLabel("Access key ID").fill(options.accessKeyId);
      await form.getByLabel("Secret access key").fill(secretAccessKey);
      if (sessionToken) await form.getByLabel("Session token (optional)").fill(sessionToken);
      await form.getByLabel("Service").fill("sts");
      await form.getByLabel("Region").fill("eu-west-1");
      if (variant.signQuery) await form.getByRole("checkbox", { name: /^Sign query/ }).check();
      await fillDestinations(form, [peer.url]);
      await saveNew(page, name);
      // A fresh, settled page: the URL typed below must replace the STS default before Test.
      await page.reload({ waitUntil: "networkidle" });
      // The default test URL is STS GetCallerIdentity in the region; the peer stands in for it.
      await expect(page.getByLabel("Test URL")).toHaveValue(
        "https://sts.eu-west-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15",
      );
      const url = `${peer.url}/?Action=GetCallerIdentity&Version=2011-06-15`;
      const result = await expectTestPassed(page, { url });
      await expect(result).toContainText("eu-west-1/sts/aws4_request");
      await expect(result).toContainText("Canonical request");
      await expect(result).toContainText("String to sign");
      const accepted = peer.accepted();
      expect(accepted).toHaveLength(1);
      if (variant.signQuery) expect(accepted[0].path).toContain("X-Amz-Signature=");
      else
        expect(accepted[0].headers.authorization).toMatch(
          /^AWS4-HMAC-SHA256 Credential=AKIAE2ETEST0001\/\d{8}\/eu-west-1\/sts\/aws4_request/,
        );
      if (sessionToken)
        expect(
          accepted[0].path.includes("X-Amz-Security-Token") ||
            accepted[0].headers["x-amz-security-token"] === sessionToken,
        ).toBe(true);

      const wrong = secretValue("wrong");
      await page.getByLabel("Secret access key").fill(wrong);
      await saveChanges(page);
      await expectTestRefused(page, 403, { url });
      await expectNoLeaks(
        page,
        leakCheck,
        sessionToken ? [secretAccessKey, sessionToken, wrong] : [secretAccessKey, wrong],
      );
    } finally {
      await peer.close();
    }
  });
}

test("Basic auth against a Basic-verifying peer, with plain-words network failures", async ({ page }) => {
  const leakCheck = collectResponses(page);
  const password = secretValue("basic-pass");
  const peer = await recorded(startBasicPeer({ username: "e2e-user", password }));
  // Nothing listens there, but it is an allowed destination: the refusal is the network's.
  const closed = await closedLoopbackUrl();
  try {
    const name = unique("Basic");
    const form = await openNewForm(page, /^Basic auth/);
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("User name").fill("e2e-user");
    await form.getByLabel("Password").fill(password);
    await fillDestinations(form, [peer.url, new URL(closed).origin]);
    await saveNew(page, name);
    const result = await expectTestPassed(page, { url: `${peer.url}/me` });
    await expect(result).toContainText("Authorization: Basic [redacted]");
    await expect(result).toContainText('"authenticated":true');
    expect(peer.accepted()).toHaveLength(1);
    await page.mouse.move(0, 0); // a hovered toast stays open
    await waitForToastsToClose(page);
    await expectNoAxeViolations(page);

    const refused = await runTest(page, { url: closed });
    await expect(refused.getByRole("status").first()).toContainText("Connection refused");

    const wrong = secretValue("wrong");
    await page.getByLabel("Password").fill(wrong);
    await saveChanges(page);
    await expectTestRefused(page, 401, { url: `${peer.url}/me` });
    await expectNoLeaks(page, leakCheck, [
      password,
      wrong,
      Buffer.from(`e2e-user:${password}`).toString("base64"),
    ]);
  } finally {
    await peer.close();
  }
});

test("Key-pair: generate a key pair, give the public key shown on the page to a JWT verifier", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const leakCheck = collectResponses(page);
  // The verifiers listen first (their URLs are the credential's destinations); each trusts the
  // public key once the page shows it.
  const jwkVerifier = await startJwtPeer({ issuer: "workbench-e2e", audience: "orders-api" });
  const pemVerifier = await startJwtPeer({ issuer: "workbench-e2e", audience: "orders-api" });
  const byJwk = await recorded(jwkVerifier);
  const byPem = await recorded(pemVerifier);
  const name = unique("Key-pair");
  const form = await openNewForm(page, /^Key-pair/);
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Algorithm").selectOption("ES256");
  await form.getByRole("button", { name: "Generate key pair" }).click();
  await expect(
    form.getByText(/A new key pair for the chosen algorithm is generated when you save/),
  ).toBeVisible();
  await form.getByLabel("Issuer (iss)").fill("workbench-e2e");
  await form.getByLabel("Audience (aud)").fill("orders-api");
  await form.getByLabel("Custom claims (JSON, optional)").fill('{"tenant": "acme"}');
  await fillDestinations(form, [byJwk.url, byPem.url]);
  await saveNew(page, name);

  await page.getByRole("button", { name: "Copy Public key (JWK)" }).click();
  const jwkText = await page.evaluate(() => navigator.clipboard.readText());
  expect(jwkText).toBe(await page.getByRole("textbox", { name: "Public key (JWK)" }).inputValue());
  const pem = await page.getByRole("textbox", { name: "Public key (PEM)" }).inputValue();
  expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  await page.mouse.move(0, 0); // a hovered toast stays open
  await waitForToastsToClose(page);
  await expectNoAxeViolations(page);

  await jwkVerifier.trust({ jwk: JSON.parse(jwkText) });
  await pemVerifier.trust({ pem, algorithm: "ES256" });
  try {
    const result = await expectTestPassed(page, { url: `${byJwk.url}/orders` });
    await expect(result).toContainText('"tenant": "acme"');
    await expect(result).toContainText('"verified":true');
    await expectTestPassed(page, { url: `${byPem.url}/orders` });
    expect(byJwk.accepted()).toHaveLength(1);
    expect(byPem.accepted()).toHaveLength(1);

    // A different private key (a new pair) no longer matches the key the verifier holds.
    await page.getByRole("button", { name: "Generate key pair" }).click();
    await saveChanges(page);
    await expect(page.getByRole("textbox", { name: "Public key (JWK)" })).not.toHaveValue(jwkText);
    await expectTestRefused(page, 401, { url: `${byJwk.url}/orders` });
    await expectNoLeaks(page, leakCheck, [PRIVATE_KEY_CONTENT]);
  } finally {
    await byJwk.close();
    await byPem.close();
  }
});

test("Custom headers: secret and plain headers reach a header-checking peer", async ({ page }) => {
  const leakCheck = collectResponses(page);
  const apiKey = secretValue("header-key");
  const peer = await recorded(startHeadersPeer({ "X-Api-Key": apiKey, "X-Tenant": "acme" }));
  try {
    const name = unique("Headers");
    const form = await openNewForm(page, /^Custom headers/);
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("Header 1 name").fill("X-Api-Key");
    await form.getByLabel("Header 1 value").fill(apiKey);
    await expect(form.getByRole("checkbox", { name: "Secret (header 1)" })).toBeChecked();
    await form.getByRole("button", { name: "Add header" }).click();
    await form.getByLabel("Header 2 name").fill("X-Tenant");
    await form.getByLabel("Header 2 value").fill("acme");
    await fillDestinations(form, [peer.url]);
    await saveNew(page, name);
    await expect(page.getByLabel("Header 1 value")).toHaveValue("");
    await expect(page.getByLabel("Header 2 value")).toHaveValue("acme");
    const result = await expectTestPassed(page, {
      url: `${peer.url}/data`,
      method: "POST",
      body: '{"ping":true}',
    });
    await expect(result).toContainText("X-Api-Key: [redacted]");
    expect(peer.accepted()).toHaveLength(1);
    expect(peer.accepted()[0].headers["x-api-key"]).toBe(apiKey);

    const wrong = secretValue("wrong");
    await page.getByLabel("Header 1 value").fill(wrong);
    await saveChanges(page);
    await expectTestRefused(page, 401, { url: `${peer.url}/data` });
    await expectNoLeaks(page, leakCheck, [apiKey, wrong]);
  } finally {
    await peer.close();
  }
});
