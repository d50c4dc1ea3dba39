import { randomBytes } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { S3RVER_ACCESS_KEY_ID, startVerifiedS3, type S3Peer } from "../test-support/peers/s3-verifying-proxy";
import { accessToken, createKeyViaUi, waitForToastsToClose } from "./support/api-keys";
import { expectNoAxeViolations } from "./support/console";
import { count, query } from "./support/database";
import { runCli } from "./support/premium";
import { rememberSecret } from "./support/secrets";
import { storageStateFor } from "./support/users";

// The S3 analytics bucket at work: a bucket configured in the console receives the environment's
// events (cards created through /v1) as gzipped NDJSON objects, one per 2-second interval on the
// e2e server, in s3rver behind the SigV4-verifying proxy. Read back through the S3 API, the objects
// hold exactly the events of the outbox, once each; a wrong secret shows the failure in words on the
// bucket page, and after the fix "Retry now" writes the batch.
test.describe.configure({ mode: "serial" });

const PAGE = "/production/configuration/integrations/aws/analytics";
const REGION = "eu-west-1";
const BUCKET = "events-bucket";
const SECRET = rememberSecret(`analytics-e2e-${randomBytes(12).toString("hex")}`);
const NAME = "Event archive";
const UA = { "User-Agent": "workbench-e2e/1.0" };
const KEY_PATTERN = /^archive\/analytics\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/anb_[0-9a-z]+\.ndjson\.gz$/;

type Line = { id: string; type: string; timestamp: string; data: { id?: string; title?: string } };

let s3: S3Peer;
test.beforeAll(async () => {
  s3 = await startVerifiedS3({ secretAccessKey: SECRET, region: REGION, buckets: [BUCKET] });
});
test.afterAll(async () => {
  await s3?.close();
});

async function pageAs(browser: Browser, role: "owner" | "editor" | "viewer"): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateFor(role) });
  return context.newPage();
}

/** The bucket as a reader sees it: every object listed, downloaded, gunzipped, one JSON per line. */
async function readBucket(): Promise<Map<string, Line[]>> {
  const client = new S3Client({
    region: REGION,
    endpoint: s3.url,
    forcePathStyle: true,
    credentials: { accessKeyId: S3RVER_ACCESS_KEY_ID, secretAccessKey: SECRET },
  });
  try {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    const objects = new Map<string, Line[]>();
    for (const { Key } of listed.Contents ?? []) {
      const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key }));
      const text = gunzipSync(Buffer.from(await object.Body!.transformToByteArray())).toString("utf8");
      objects.set(
        Key!,
        text
          .trimEnd()
          .split("\n")
          .map((line) => JSON.parse(line) as Line),
      );
    }
    return objects;
  } finally {
    client.destroy();
  }
}

async function createCards(request: APIRequestContext, token: string, titles: string[]): Promise<string[]> {
  const environments = await request.get("/v1/environments", {
    headers: { Authorization: `Bearer ${token}`, ...UA },
  });
  const body = (await environments.json()) as { environments: { id: number; name: string }[] };
  const environmentId = body.environments.find((e) => e.name === "production")!.id;
  const ids: string[] = [];
  for (const title of titles) {
    const response = await request.post(`/v1/${environmentId}/cards`, {
      headers: { Authorization: `Bearer ${token}`, ...UA },
      data: { title },
    });
    expect(response.status(), await response.text()).toBe(201);
    ids.push(((await response.json()) as { data: { id: string } }).data.id);
  }
  return ids;
}

async function fillBucket(page: Page, secret: string) {
  const dialog = page.getByRole("dialog", { name: /^(New S3 analytics bucket|Edit Event archive)$/ });
  await dialog.getByLabel("Secret access key").fill(secret);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
}

/** The figure `label` of the bucket's exports, as the page shows it. */
function figure(page: Page, label: string) {
  return page
    .getByRole("region", { name: `Exports to ${NAME}` })
    .locator("dl > div")
    .filter({ has: page.locator("dt", { hasText: label }) })
    .locator("dd");
}

test("events go to the bucket as gzipped NDJSON, exactly once each; a failure is shown in words and retried after the fix", async ({
  browser,
  request,
}) => {
  runCli("features", "enable", "aws-s3");
  const page = await pageAs(browser, "editor");
  await page.goto(PAGE);
  await page.getByRole("button", { name: "New S3 analytics bucket" }).click();
  const dialog = page.getByRole("dialog", { name: "New S3 analytics bucket" });
  await dialog.getByLabel("Name", { exact: true }).fill(NAME);
  await dialog.getByLabel("Bucket", { exact: true }).fill(BUCKET);
  await dialog.getByLabel("Region", { exact: true }).fill(REGION);
  await dialog.getByLabel("Prefix (optional)").fill("archive/");
  await dialog.getByLabel("Its own access keys").check();
  await dialog.getByLabel("Access key ID").fill(S3RVER_ACCESS_KEY_ID);
  await dialog.getByLabel("Endpoint URL (optional)").fill(s3.url);
  await dialog.getByLabel("Path-style addressing").check();
  await fillBucket(page, SECRET);

  const exports = page.getByRole("region", { name: `Exports to ${NAME}` });
  await expect(exports).toBeVisible();
  await expect(page.getByText("Every 2 seconds, the environment’s events of the interval")).toBeVisible();
  await expect(exports.getByText("No batch yet")).toBeVisible();

  // Events, as a user makes them: cards created through /v1 with a key made in the console.
  const key = await createKeyViaUi(page, {
    name: `analytics e2e ${randomBytes(3).toString("hex")}`,
    permissions: ["environments:read", "cards:write"],
  });
  const token = await accessToken(request, key.clientId, key.clientSecret);
  const cards = await createCards(request, token, ["Export one", "Export two", "Export three"]);

  let objects = new Map<string, Line[]>();
  await expect(async () => {
    objects = await readBucket();
    const cardIds = [...objects.values()].flat().map((line) => line.data.id);
    expect(cards.every((id) => cardIds.includes(id))).toBe(true);
  }).toPass({ timeout: 30_000 });

  for (const key of objects.keys()) expect(key).toMatch(KEY_PATTERN);
  const lines = [...objects.values()].flat();
  const ids = lines.map((line) => line.id);
  expect(new Set(ids).size).toBe(ids.length);
  // Exactly the outbox's events of this environment over the exported range, none missing, none extra.
  const sorted = [...ids].sort();
  const outbox = await query<{ id: string }>(
    `select e.id from event e join environment env on env.id = e."environmentId"
     where env.name = 'production' and e.id >= ? and e.id <= ? order by e.id`,
    sorted[0],
    sorted.at(-1),
  );
  expect(sorted).toEqual(outbox.map((row) => row.id));
  const created = lines.filter((line) => line.type === "card.created" && cards.includes(line.data.id ?? ""));
  expect(created.map((line) => line.data.title).sort()).toEqual(["Export one", "Export three", "Export two"]);
  expect(lines.some((line) => line.type === "api_key.created")).toBe(true);

  // The bucket page's figures match what the bucket holds.
  await expect(async () => {
    await page.goto(PAGE);
    await expect(figure(page, "Objects written")).toHaveText(String(objects.size), { timeout: 1_000 });
    await expect(figure(page, "Events written")).toHaveText(String(lines.length), { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(figure(page, "Last export")).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  const table = page.getByRole("table", { name: `Recent exports of ${NAME}` });
  await expect(table.getByRole("row").filter({ hasText: "Written" }).first()).toContainText(
    /archive\/analytics\/\d{4}\/\d\d\/\d\d\/\d\d\/anb_/,
  );
  await waitForToastsToClose(page);
  await expectNoAxeViolations(page);

  // A wrong secret: the store refuses the signature, and the page says so in words.
  await page.getByRole("button", { name: `Edit ${NAME}` }).click();
  await fillBucket(page, "a-wrong-secret-for-the-store-0123");
  const [late] = await createCards(request, token, ["Export while failing"]);
  const failure = exports.getByRole("alert");
  await expect(async () => {
    await page.goto(PAGE);
    await expect(failure).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(failure).toContainText(/batch(es)? failing/);
  await expect(failure).toContainText("403 SignatureDoesNotMatch");
  await expect(failure).toContainText("The secret access key does not match the access key ID.");
  await expect(table.getByRole("row").filter({ hasText: "Failing" }).first()).toContainText("1 attempt");
  expect(
    await count("select count(*) n from audit_event where action = ?", "integration.analytics_export.failed"),
  ).toBeGreaterThanOrEqual(1);

  // Fixed, then retried at once: the waiting batch is written and the alert goes.
  await page.getByRole("button", { name: `Edit ${NAME}` }).click();
  await fillBucket(page, SECRET);
  await exports.getByRole("button", { name: `Retry exports to ${NAME} now` }).click();
  await expect(page.getByText(/^Retrying \d+ batch(es)?$/)).toBeVisible();
  await expect(async () => {
    await page.goto(PAGE);
    await expect(failure).toHaveCount(0, { timeout: 1_000 });
    await expect(figure(page, "Waiting or failing")).toHaveText("0", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const after = [...(await readBucket()).values()].flat();
  expect(after.filter((line) => line.data.id === late)).toHaveLength(1);
  const afterIds = after.map((line) => line.id);
  expect(new Set(afterIds).size).toBe(afterIds.length);
  expect(
    await count("select count(*) n from audit_event where action = ?", "integration.analytics_export.retry"),
  ).toBe(1);
  expect(
    await count(
      "select count(*) n from audit_event where action = ?",
      "integration.analytics_export.recovered",
    ),
  ).toBeGreaterThanOrEqual(1);
  await page.context().close();

  // A viewer sees the figures, not the retry.
  const viewer = await pageAs(browser, "viewer");
  await viewer.goto(PAGE);
  await expect(viewer.getByRole("region", { name: `Exports to ${NAME}` })).toBeVisible();
  await expect(viewer.getByRole("button", { name: /^Retry exports/ })).toHaveCount(0);
  await viewer.context().close();

  // Deleting the bucket ends its exports (and keeps the e2e server from writing to a closed store).
  const editor = await pageAs(browser, "editor");
  await editor.goto(PAGE);
  await editor.getByRole("button", { name: `Delete ${NAME}` }).click();
  const confirm = editor.getByRole("dialog", { name: "Delete S3 analytics bucket" });
  await confirm.getByLabel(`Type ${NAME} to confirm`).fill(NAME);
  await confirm.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(confirm).toHaveCount(0);
  await expect(editor.getByRole("region", { name: `Exports to ${NAME}` })).toHaveCount(0);
  expect(await count("select count(*) n from analytics_batch")).toBe(0);
  await editor.context().close();
  // The specs after this one find the S3 feature off, as a new installation has it.
  runCli("features", "disable", "aws-s3");
});
