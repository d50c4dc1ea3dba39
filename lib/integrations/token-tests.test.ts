import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendOutbound } from "../outbound";
import { parseAllowlist } from "../outbound/allowlist";
import {
  startMarketoPeer,
  startSalesforcePeer,
  type RecordingPeer,
} from "../../test-support/peers/premium-token-peers";
import { testMarketoToken, testSalesforceToken, type TokenTestDeps } from "./token-tests";

// Loopback peers that refuse any request not shaped as the vendors document it.
const deps: TokenTestDeps = {
  send: (request) =>
    sendOutbound(request, { allowlist: parseAllowlist("127.0.0.0/8"), followRedirects: false }),
  now: () => Date.UTC(2026, 0, 1),
};
let sfmc: RecordingPeer;
let marketo: RecordingPeer;

beforeAll(async () => {
  sfmc = await startSalesforcePeer({ clientId: "sf-id", clientSecret: "sf-secret-value", accountId: "1234" });
  marketo = await startMarketoPeer({ clientId: "mk-id", clientSecret: "mk-secret-value" });
});
afterAll(async () => Promise.all([sfmc.close(), marketo.close()]));

describe("token tests", () => {
  it("Salesforce: shows instance URLs, scope and expiry, never the token or the secret", async () => {
    const result = await testSalesforceToken(
      { subdomain: "", authBaseUrl: sfmc.url, clientId: "sf-id", accountId: "1234" },
      "sf-secret-value",
      deps,
    );
    expect(result.ok).toBe(true);
    expect(result.token).toMatchObject({
      status: 200,
      tokenType: "Bearer",
      expiresIn: 1079,
      expiresAt: "2026-01-01T00:17:59.000Z",
      restInstanceUrl: expect.stringMatching(/\/rest\/$/),
    });
    const shown = JSON.stringify(result);
    expect(shown).not.toContain("sf-secret-value");
    expect(shown).not.toMatch(/sfmc-[0-9a-f-]{36}/);
  });

  it("Salesforce: a wrong MID is refused with the vendor's words", async () => {
    const result = await testSalesforceToken(
      { subdomain: "", authBaseUrl: sfmc.url, clientId: "sf-id", accountId: "999" },
      "sf-secret-value",
      deps,
    );
    expect(result.ok).toBe(false);
    expect(result.summary).toContain("invalid_grant");
  });

  it("Marketo: GET with query parameters; the secret is redacted from the request shown", async () => {
    const result = await testMarketoToken(
      { munchkinId: "", baseUrl: `${marketo.url}/rest`, clientId: "mk-id" },
      "mk-secret-value",
      deps,
    );
    expect(result.ok).toBe(true);
    expect(result.token?.expiresIn).toBe(3599);
    expect(result.request?.method).toBe("GET");
    expect(result.request?.url).not.toContain("mk-secret-value");
    const bad = await testMarketoToken(
      { munchkinId: "", baseUrl: marketo.url, clientId: "mk-id" },
      "nope-wrong",
      deps,
    );
    expect(bad.summary).toBe(
      "Marketo refused the token request (401): unauthorized: Bad client credentials. The server did not accept the credential (401).",
    );
  });
});
