import { spawnSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "./support/users";
import { e2eDatabase } from "./support/database";
import { createKeyViaUi } from "./support/api-keys";

// The console as a new user meets it: what they type is kept, two editors do not overwrite each
// other, and the examples shown with a new secret run as pasted.

test.use({ storageState: storageStateFor("owner") });

function storedAllowlist(clientId: string): string[] {
  const db = e2eDatabase();
  try {
    const row = db.prepare("select allowlist from api_key where clientId = ?").get(clientId) as {
      allowlist: string;
    };
    return JSON.parse(row.allowlist) as string[];
  } finally {
    db.close();
  }
}

test("an address typed into the allowlist but not added is added on save, or the save is refused", async ({
  page,
}) => {
  await page.goto("/production/configuration/api-keys/new");
  const form = page.getByRole("form", { name: "New API key" });
  await form.getByLabel("Name").fill("Typed allowlist");
  await form.getByRole("checkbox", { name: "environments:read", exact: true }).check();
  await form.getByLabel("Address or CIDR range").fill("10.0.0.300");
  await form.getByRole("button", { name: "Create API key" }).click();
  await expect(form.getByText(/^You typed an address you did not add/)).toBeVisible();
  await expect(form.getByLabel("Address or CIDR range")).toBeFocused();
  await expect(page).toHaveURL(/\/api-keys\/new$/);

  await form.getByLabel("Address or CIDR range").fill("127.0.0.1");
  await form.getByRole("button", { name: "Create API key" }).click();
  await expect(page.getByRole("heading", { name: "API key created" })).toBeVisible();
  const clientId = await page.getByLabel("Client ID", { exact: true }).inputValue();
  expect(storedAllowlist(clientId)).toEqual(["127.0.0.1"]);
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Done" }).click();

  // The same in the edit dialog.
  await page.getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit API key" });
  await dialog.getByLabel("Address or CIDR range").fill("::1");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  expect(storedAllowlist(clientId)).toEqual(["127.0.0.1", "::1"]);
});

test("two editors of one key: the second save says someone else changed it instead of reverting", async ({
  page,
  browser,
}) => {
  const key = await createKeyViaUi(page, { name: "Shared key", permissions: ["environments:read"] });
  const other = await browser.newContext({ storageState: storageStateFor("owner") });
  const page2 = await other.newPage();
  await page2.goto(`/production/configuration/api-keys/${key.id}`);
  const open = async (p: Page) => {
    await p.getByRole("button", { name: "Edit" }).click();
    return p.getByRole("dialog", { name: "Edit API key" });
  };
  const first = await open(page);
  const second = await open(page2);
  await first.getByRole("checkbox", { name: "cards:read", exact: true }).check();
  await first.getByRole("button", { name: "Save changes" }).click();
  await expect(first).toBeHidden();
  await second.getByLabel("Name").fill("Shared key renamed");
  await second.getByRole("button", { name: "Save changes" }).click();
  await expect(second.getByText(/Someone else changed this key since you opened it/)).toBeVisible();
  await page2.reload();
  const again = await open(page2);
  await expect(again.getByRole("checkbox", { name: "cards:read", exact: true })).toBeChecked();
  await other.close();
});

test("each example shown with a new secret, copied from the page, prints the environments as pasted", async ({
  browser,
}) => {
  const context = await browser.newContext({
    storageState: storageStateFor("owner"),
    permissions: ["clipboard-read", "clipboard-write"],
  });
  const page = await context.newPage();
  await page.goto("/production/configuration/api-keys/new");
  const form = page.getByRole("form", { name: "New API key" });
  await form.getByLabel("Name").fill("Snippets");
  await form.getByRole("checkbox", { name: "environments:read", exact: true }).check();
  await form.getByRole("button", { name: "Create API key" }).click();
  await expect(page.getByRole("heading", { name: "API key created" })).toBeVisible();
  const baseURL = test.info().project.use.baseURL;
  await expect(page.getByText(`${baseURL}/v1`, { exact: true })).toBeVisible();

  // Without WORKBENCH_* set, so each example uses the values it was filled in with.
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("WORKBENCH_")) delete env[name];
  const runners = {
    curl: ["bash", []],
    "Bash script": ["bash", []],
    JavaScript: [process.execPath, []],
  } as const;
  for (const [label, [command, args]] of Object.entries(runners)) {
    await page.getByRole("tab", { name: label, exact: true }).click();
    await page.getByRole("button", { name: `Copy ${label} example` }).click();
    const code = await page.evaluate(() => navigator.clipboard.readText());
    const run = spawnSync(command, [...args], { input: code, env, encoding: "utf8", timeout: 30_000 });
    expect(run.status, `${label}: ${run.stderr}`).toBe(0);
    // Nothing but the answer: no progress meters, no errors.
    expect(run.stderr, label).toBe("");
    const json = run.stdout.slice(run.stdout.indexOf("{"));
    const body = JSON.parse(json) as { environments: { id: number; name: string }[] };
    expect(
      body.environments.map((e) => e.name),
      label,
    ).toEqual(["production"]);
  }
  await context.close();
});
