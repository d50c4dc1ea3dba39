import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import {
  startBasicPeer,
  startJwtPeer,
  startOidcPeer,
  startSigV4Peer,
  type OidcPeer,
} from "../test-support/peers";
import { listenOnLoopback, sendJson, type Peer } from "../test-support/peers/listen";
import { accessToken, createKeyViaUi, waitForToastsToClose } from "./support/api-keys";
import { expectNoAxeViolations } from "./support/console";
import { startHeadersPeer } from "./support/credential-peers";
import { collectResponses, fillDestinations, openNewForm, saveNew } from "./support/credentials";
import { storageStateFor } from "./support/users";
import { startWebhookFront, type WebhookFront } from "./support/webhook-front";

// Outgoing webhooks through the console: endpoints authenticated with each of the five credential
// types, signed per Standard Webhooks, delivered by the server's engine to loopback peers that
// verify both the signature (svix) and the credential; and the management flows (secret once,
// pause/resume, rotate, test event, delete by typed name, a Viewer's read-only page).

test.use({ storageState: storageStateFor("owner") });

const WEBHOOKS = "/production/configuration/integrations/webhooks";
const UA = { "User-Agent": "workbench-e2e/1.0" };
const unique = (prefix: string) => `${prefix} ${randomBytes(3).toString("hex")}`;
const secretValue = (label: string) => `${label}-${randomBytes(12).toString("hex")}`;

type Api = { token: string; environmentId: number };

/** An API key (cards and webhooks) created in the console, and the production environment's id. */
async function apiAccess(page: Page, request: APIRequestContext): Promise<Api> {
  const key = await createKeyViaUi(page, {
    name: unique("hooks e2e"),
    permissions: ["environments:read", "cards:write", "webhooks:read", "webhooks:write"],
  });
  const token = await accessToken(request, key.clientId, key.clientSecret);
  const environments = await request.get("/v1/environments", {
    headers: { Authorization: `Bearer ${token}`, ...UA },
  });
  const body = (await environments.json()) as { environments: { id: number; name: string }[] };
  return { token, environmentId: body.environments.find((e) => e.name === "production")!.id };
}

/** Creates an endpoint on the New endpoint page; returns its id and the secret shown once. */
async function createEndpoint(
  page: Page,
  options: { name: string; url: string; credential?: string; events?: string[] },
): Promise<{ id: string; secret: string }> {
  await page.goto(WEBHOOKS);
  await page.getByRole("link", { name: "New endpoint" }).click();
  const form = page.getByRole("form", { name: "New webhook endpoint" });
  await form.getByLabel("Name", { exact: true }).fill(options.name);
  await form.getByLabel("URL", { exact: true }).fill(options.url);
  if (options.credential)
    await form.getByLabel("Credential", { exact: true }).selectOption({ label: options.credential });
  for (const type of options.events ?? ["card.created"])
    await form.getByRole("checkbox", { name: type }).check();
  await form.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page.getByRole("heading", { name: `Endpoint ${options.name} created` })).toBeVisible();
  const secret = await page.getByRole("textbox", { name: "Signing secret" }).inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
  await page.getByRole("link", { name: "Go to the endpoint" }).click();
  await expect(page.getByRole("heading", { name: options.name, level: 1 })).toBeVisible();
  return { id: new URL(page.url()).pathname.split("/").pop() ?? "", secret };
}

async function createCard(request: APIRequestContext, api: Api, title: string): Promise<string> {
  const response = await request.post(`/v1/${api.environmentId}/cards`, {
    headers: { Authorization: `Bearer ${api.token}`, ...UA },
    data: { title },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { data: { id: string } }).data.id;
}

/** Reloads the endpoint page until a message shows Succeeded; returns that message's item. */
async function expectDeliveredInConsole(page: Page, eventType: string): Promise<Locator> {
  const message = page
    .getByRole("list", { name: "Messages" })
    .getByRole("listitem")
    .filter({ hasText: eventType })
    .filter({ hasText: "Succeeded" })
    .first();
  await expect(async () => {
    await page.reload();
    await expect(message).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await message.getByText("Payload and attempts").click();
  const attempts = message.getByRole("table", { name: /^Attempts of msg_/ });
  await expect(attempts.getByRole("row").last()).toContainText("Succeeded · 200");
  return message;
}

/**
 * The headline story for one credential type: the endpoint uses the credential, a card created
 * through /v1 with an API key is delivered, the front accepts the signature (svix) and the peer
 * behind it the credential, and the console shows the delivery as succeeded.
 */
async function deliverThroughCredential(
  page: Page,
  request: APIRequestContext,
  front: WebhookFront,
  credentialName: string,
  check: (authorization: string | undefined) => Promise<void> | void = () => undefined,
) {
  const api = await apiAccess(page, request);
  const name = unique("Hook");
  const { id, secret } = await createEndpoint(page, {
    name,
    url: `${front.url}/hooks`,
    credential: credentialName,
  });
  front.useSecret(secret);
  try {
    const cardId = await createCard(request, api, unique("Webhook card"));
    await expect
      .poll(() => front.accepted().length, {
        timeout: 30_000,
        message: "a delivery the front verified and the peer accepted",
      })
      .toBeGreaterThanOrEqual(1)
      .catch((error: Error) => {
        throw new Error(
          `${error.message}\nreceived: ${JSON.stringify(front.deliveries)}\nrefusals: ${front.refusals.join("; ")}`,
        );
      });
    const delivery = front.accepted()[0];
    expect(delivery).toMatchObject({ signatureOk: true, eventType: "card.created" });
    expect(delivery.id).toMatch(/^msg_/);
    await check(delivery.authorization);
    const message = await expectDeliveredInConsole(page, "card.created");
    await expect(message).toContainText(delivery.id);
    await expect(message).toContainText(cardId);
  } finally {
    // The next story's endpoints subscribe to card.created too: this one stops receiving.
    await request.delete(`/v1/${api.environmentId}/webhook-endpoints/${id}`, {
      headers: { Authorization: `Bearer ${api.token}`, ...UA },
    });
  }
}

test.describe("deliveries authenticated with each credential type", () => {
  test("Basic", async ({ page, request }) => {
    const password = secretValue("hook-basic");
    const front = await startWebhookFront(await startBasicPeer({ username: "hook-user", password }));
    try {
      const name = unique("Hook Basic");
      const form = await openNewForm(page, /^Basic auth/);
      await form.getByLabel("Name", { exact: true }).fill(name);
      await form.getByLabel("User name").fill("hook-user");
      await form.getByLabel("Password").fill(password);
      await fillDestinations(form, [front.url]);
      await saveNew(page, name);
      await deliverThroughCredential(page, request, front, `${name} (Basic auth)`);
    } finally {
      await front.close();
    }
  });

  test("Custom headers", async ({ page, request }) => {
    const apiKey = secretValue("hook-header");
    const front = await startWebhookFront(await startHeadersPeer({ "X-Api-Key": apiKey }));
    try {
      const name = unique("Hook Headers");
      const form = await openNewForm(page, /^Custom headers/);
      await form.getByLabel("Name", { exact: true }).fill(name);
      await form.getByLabel("Header 1 name").fill("X-Api-Key");
      await form.getByLabel("Header 1 value").fill(apiKey);
      await fillDestinations(form, [front.url]);
      await saveNew(page, name);
      await deliverThroughCredential(page, request, front, `${name} (Custom headers)`);
    } finally {
      await front.close();
    }
  });

  test("AWS Signed Request (SigV4 recomputed with aws4)", async ({ page, request }) => {
    const options = {
      accessKeyId: "AKIAE2EHOOK0001",
      secretAccessKey: secretValue("hook-aws"),
      region: "eu-west-1",
      service: "execute-api",
    };
    const front = await startWebhookFront(await startSigV4Peer(options), { preserveHost: true });
    try {
      const name = unique("Hook AWS");
      const form = await openNewForm(page, /^AWS Signed Request/);
      await form.getByLabel("Name", { exact: true }).fill(name);
      await form.getByLabel("Access key ID").fill(options.accessKeyId);
      await form.getByLabel("Secret access key").fill(options.secretAccessKey);
      await form.getByLabel("Service").fill(options.service);
      await form.getByLabel("Region").fill(options.region);
      await fillDestinations(form, [front.url]);
      await saveNew(page, name);
      await deliverThroughCredential(
        page,
        request,
        front,
        `${name} (AWS Signed Request)`,
        (authorization) => {
          expect(authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAE2EHOOK0001\//);
        },
      );
    } finally {
      await front.close();
    }
  });

  test("Key-pair JWT (verified with the public key copied from the page)", async ({ page, request }) => {
    const verifier = await startJwtPeer({ issuer: "workbench-hooks", audience: "hooks-api" });
    const front = await startWebhookFront(verifier);
    try {
      const name = unique("Hook JWT");
      const form = await openNewForm(page, /^Key-pair/);
      await form.getByLabel("Name", { exact: true }).fill(name);
      await form.getByLabel("Algorithm").selectOption("ES256");
      await form.getByRole("button", { name: "Generate key pair" }).click();
      await form.getByLabel("Issuer (iss)").fill("workbench-hooks");
      await form.getByLabel("Audience (aud)").fill("hooks-api");
      await fillDestinations(form, [front.url]);
      await saveNew(page, name);
      const pem = await page.getByRole("textbox", { name: "Public key (PEM)" }).inputValue();
      await verifier.trust({ pem, algorithm: "ES256" });
      await deliverThroughCredential(page, request, front, `${name} (Key-pair)`, (authorization) => {
        expect(authorization).toMatch(/^Bearer ey/);
      });
    } finally {
      await front.close();
    }
  });

  test("OAuth client credentials (bearer issued by oidc-provider)", async ({ page, request }) => {
    const secret = secretValue("hook-oidc");
    const idp: OidcPeer = await startOidcPeer({
      clientId: "hooks-client",
      clientSecret: secret,
      scope: "read",
    });
    // The API behind the front accepts only a bearer the identity provider really issued.
    const api: Peer = await listenOnLoopback((req, res) => {
      const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
      if (!bearer) return sendJson(res, 401, {});
      void idp.issued(bearer).then((ok) => sendJson(res, ok ? 200 : 401, {}));
    });
    const front = await startWebhookFront(api);
    try {
      const name = unique("Hook OAuth");
      const form = await openNewForm(page, /^OAuth client credentials/);
      await form.getByLabel("Name", { exact: true }).fill(name);
      await form.getByRole("textbox", { name: "Identity URL" }).fill(idp.tokenUrl);
      await form.getByLabel("Client ID").fill("hooks-client");
      await form.getByLabel("Client secret").fill(secret);
      await form.getByLabel("Scope (optional)").fill("read");
      await form.getByRole("button", { name: `Add ${idp.url} (the Identity URL's origin)` }).click();
      await form.getByRole("button", { name: "Add destination" }).click();
      await form.getByLabel("Destination 2", { exact: true }).fill(front.url);
      await saveNew(page, name);
      await deliverThroughCredential(
        page,
        request,
        front,
        `${name} (OAuth client credentials)`,
        (authorization) => {
          expect(authorization).toMatch(/^Bearer /);
          expect(authorization).not.toContain(secret);
        },
      );
      expect(idp.tokenRequests()).toBe(1);
    } finally {
      await front.close();
      await idp.close();
    }
  });
});

test("management: secret once, pause and resume, test event, resend, rotate, delete by typed name", async ({
  page,
}) => {
  const sink: Peer & { ids: string[] } = await (async () => {
    const ids: string[] = [];
    const peer = await listenOnLoopback((req, res) => {
      ids.push(String(req.headers["webhook-id"] ?? ""));
      sendJson(res, 200, {});
    });
    return { ...peer, ids };
  })();
  try {
    const name = unique("Managed");
    const { secret } = await createEndpoint(page, {
      name,
      url: `${sink.url}/in`,
      events: ["customer.created"],
    });
    // From here on nothing the browser receives holds the secret: not the endpoint page, the
    // list, nor any action's answer.
    const leakCheck = collectResponses(page);
    await page.reload();
    await expect(page.getByRole("textbox", { name: "Signing secret" })).toHaveCount(0);
    await page.goto(WEBHOOKS);
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText("Enabled");
    await expect(row).toContainText("No attempts");
    await row.getByRole("link", { name }).click();

    await page.getByRole("button", { name: "Pause" }).click();
    await expect(page.getByText("Paused: events are queued")).toBeVisible();
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByText("Test event queued (the endpoint is paused)")).toBeVisible();
    const pending = page.getByRole("list", { name: "Messages" }).getByRole("listitem").filter({
      hasText: "webhook.test",
    });
    await expect(pending).toContainText("Pending");
    await page.waitForTimeout(1_500);
    expect(sink.ids).toHaveLength(0);

    await page.getByRole("button", { name: "Resume" }).click();
    await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();
    await expect.poll(() => sink.ids.length, { timeout: 20_000 }).toBe(1);
    await expectDeliveredInConsole(page, "webhook.test");

    // Resend: the same webhook-id again.
    await page.getByRole("button", { name: `Resend ${sink.ids[0]}` }).click();
    await expect.poll(() => sink.ids.length, { timeout: 20_000 }).toBe(2);
    expect(sink.ids[1]).toBe(sink.ids[0]);

    await page.goto(WEBHOOKS);
    await page.goto("/production/audit-log");
    await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
    await leakCheck.expectNoSecrets([secret, secret.slice(6)]);
    leakCheck.stop();
    await page.goBack();
    await page.goBack();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();

    await page.getByRole("button", { name: "Rotate secret" }).click();
    const dialog = page.getByRole("dialog", { name: "Rotate signing secret" });
    await dialog.getByRole("button", { name: "Rotate secret" }).click();
    const rotated = await dialog.getByRole("textbox", { name: "Signing secret" }).inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(page.getByText(/previous signing secret also signs deliveries until/)).toBeVisible();

    await page.getByRole("link", { name: "Failed" }).click();
    await expect(page.getByText("No failed messages.")).toBeVisible();

    await page.getByRole("button", { name: "Delete" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete endpoint" });
    await confirm.getByLabel(/to confirm/).fill(name.toUpperCase());
    await expect(confirm.getByRole("button", { name: "Delete endpoint" })).toBeDisabled();
    await confirm.getByLabel(/to confirm/).fill(name);
    await confirm.getByRole("button", { name: "Delete endpoint" }).click();
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(name) })).toHaveCount(0);
  } finally {
    await sink.close();
  }
});

test("retries: a peer answering 500, 500, then 200 gets three attempts, and the console shows each", async ({
  page,
}) => {
  // The e2e server retries a second apart (WORKBENCH_WEBHOOK_RETRY_SCHEDULE in scripts/e2e-server.mjs).
  const answers: number[] = [];
  const peer = await listenOnLoopback((_req, res) => {
    const status = answers.length < 2 ? 500 : 200;
    answers.push(status);
    sendJson(res, status, { attempt: answers.length });
  });
  try {
    const name = unique("Flaky");
    await createEndpoint(page, { name, url: `${peer.url}/flaky`, events: ["customer.created"] });
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect.poll(() => answers, { timeout: 30_000 }).toEqual([500, 500, 200]);
    // No reload: the page re-reads itself while a message is pending, and stops once none is.
    await expect(
      page
        .getByRole("list", { name: "Messages" })
        .getByRole("listitem")
        .filter({ hasText: "webhook.test" })
        .filter({ hasText: "Succeeded" }),
    ).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText("Updating while messages are pending")).toHaveCount(0);
    const message = await expectDeliveredInConsole(page, "webhook.test");
    const rows = message.getByRole("table", { name: /^Attempts of msg_/ }).getByRole("row");
    await expect(rows).toHaveCount(4); // the header and three attempts, oldest first
    await expect(rows.nth(1)).toContainText("Failed · 500");
    await expect(rows.nth(2)).toContainText("Failed · 500");
    await expect(rows.nth(3)).toContainText("Succeeded · 200");
    await expect(message).toContainText("3 attempts");
    await page.goto(WEBHOOKS);
    // Two of the three attempts failed in the last 24 hours.
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("33.3%");
  } finally {
    await peer.close();
  }
});

test("the pages are accessible; the endpoint form refuses bad input with field errors", async ({ page }) => {
  await page.goto(WEBHOOKS);
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto(`${WEBHOOKS}/new`);
  await expectNoAxeViolations(page);
  const form = page.getByRole("form", { name: "New webhook endpoint" });
  await form.getByLabel("URL", { exact: true }).fill("ftp://example.com");
  await form.getByRole("button", { name: "Create endpoint" }).click();
  await expect(form.getByText("Enter a name.")).toBeVisible();
  await expect(form.getByText(/Enter an http:\/\/ or https:\/\/ URL/)).toBeVisible();
  await expect(form.getByText("Choose at least one event type.")).toBeVisible();
  await expectNoAxeViolations(page);

  const name = unique("Accessible");
  await createEndpoint(page, { name, url: "http://127.0.0.1:9/in", events: ["customer.deleted"] });
  await page.getByRole("button", { name: "Pause" }).click();
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByRole("list", { name: "Messages" }).getByRole("listitem")).toHaveCount(1);
  await page.getByText("Payload and attempts").click();
  await waitForToastsToClose(page);
  await expectNoAxeViolations(page);
});

test("a Viewer sees endpoints and messages but no button that changes them", async ({ browser, page }) => {
  const name = unique("Viewed");
  await createEndpoint(page, { name, url: "http://127.0.0.1:9/in", events: ["api_key.revoked"] });
  const viewer = await browser.newContext({ storageState: storageStateFor("viewer") });
  try {
    const viewerPage = await viewer.newPage();
    await viewerPage.goto(WEBHOOKS);
    await expect(viewerPage.getByText("You have view-only access to webhooks.")).toBeVisible();
    await expect(viewerPage.getByRole("link", { name: "New endpoint" })).toHaveCount(0);
    await viewerPage.getByRole("link", { name }).click();
    await expect(viewerPage.getByRole("heading", { name, level: 1 })).toBeVisible();
    for (const button of ["Pause", "Send test event", "Rotate secret", "Delete", "Save", "Replay failed"])
      await expect(viewerPage.getByRole("button", { name: button, exact: true })).toHaveCount(0);
    await expect(
      viewerPage.getByRole("form", { name: "Endpoint settings" }).getByLabel("Name", { exact: true }),
    ).toBeDisabled();
  } finally {
    await viewer.close();
  }
});
