import { expect, test } from "@playwright/test";
import { openPalette, signIn } from "./support/console";
import { OWNER, storageStateFor } from "./support/users";

// Hardening headers on both faces, and a console that still works under its strict policy.
test.use({ storageState: storageStateFor("owner") });

test("console pages carry a nonce-based policy, and nothing on them is blocked by it", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  const first = await page.goto("/production/configuration/api-keys");
  const policy = first?.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(first?.headers()).toMatchObject({
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
  });
  // Next put this request's nonce on its scripts (read from the HTML as sent: browsers hide a
  // nonce from the DOM once the page has loaded).
  const html = (await first?.text()) ?? "";
  expect(html.split(`nonce="${nonce}"`).length - 1).toBeGreaterThan(0);
  expect(html).not.toMatch(/<script(?![^>]*nonce=)[^>]*>[^<]/);
  // …and the parsed page's scripts keep it in their property.
  expect(
    await page.evaluate((n) => Array.from(document.scripts).filter((s) => s.nonce === n).length, nonce),
  ).toBeGreaterThan(0);
  // A fresh nonce per request.
  const second = await page.goto("/production/configuration/api-keys");
  expect(second?.headers()["content-security-policy"]).not.toBe(policy);
  // The page hydrated and works: the command palette opens from the keyboard.
  const input = await openPalette(page);
  await input.fill("Credentials");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/production\/configuration\/integrations\/credentials$/);
  expect(violations).toEqual([]);
});

test("the API answers with its own locked-down policy", async ({ request }) => {
  const response = await request.get("/v1/health", { headers: { "user-agent": "e2e" } });
  expect(response.status()).toBe(200);
  expect(response.headers()).toMatchObject({
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
  });
  // Over plain http (this test server), no HSTS: it would pin browsers to https that is not there.
  expect(response.headers()["strict-transport-security"]).toBeUndefined();
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the session cookie is Secure when the balancer says the browser came over https", async ({
    browser,
  }) => {
    const sessionCookie = async (headers: Record<string, string>) => {
      const context = await browser.newContext({ extraHTTPHeaders: headers });
      const page = await context.newPage();
      await signIn(page, OWNER.email, OWNER.password);
      await expect(page).toHaveURL(/\/production\/configuration\/api-keys$/);
      const cookie = (await context.cookies()).find((c) => c.name.includes("session_token"));
      await context.close();
      return cookie;
    };
    // The test server runs as behind one trusted load balancer (WORKBENCH_TRUST_PROXY=1).
    expect((await sessionCookie({ "x-forwarded-proto": "https" }))?.secure).toBe(true);
    expect((await sessionCookie({}))?.secure).toBe(false);
  });
});
