import { describe, expect, it, vi } from "vitest";
import type { OutboundRequest, OutboundResult } from "../outbound";
import { dropCredentialCaches } from "./cache";
import { fakeClock } from "./clock";
import { admitFor, normaliseDestinations, sameDestinations, storedDestinations } from "./destinations";
import { guardedDeps, type SendOptions } from "./resolve-deps";
import { testCredential } from "./test-live";
import type { ResolvableCredential } from "./types";

// Pure: nothing here is sent anywhere (the sender is a fake that records what it was given).

const timing = { dnsMs: 1, connectMs: 2, tlsMs: 3, firstByteMs: 4, totalMs: 5 };
function recordingSend() {
  return vi.fn(async (request: OutboundRequest, options?: SendOptions): Promise<OutboundResult> => {
    void options;
    const body = request.url.includes("/token")
      ? JSON.stringify({ access_token: "tok-123456", token_type: "Bearer", expires_in: 3600 })
      : "{}";
    return {
      ok: true,
      response: {
        url: request.url,
        status: 200,
        statusText: "OK",
        headers: { "content-type": "application/json" },
        body: Buffer.from(body),
        truncated: false,
        remoteAddress: "127.0.0.1",
        timing,
        redirects: [],
      },
    };
  });
}

const oauth: ResolvableCredential = {
  id: "cred_dest",
  version: 1,
  name: "IdP",
  type: "oauth_client_credentials",
  config: { identityUrl: "https://idp.example.test/token", clientId: "c", scope: "", scheme: "body" },
  secrets: { clientSecret: "very-secret-value" },
};

describe("stored destinations", () => {
  it("reads the stored list; an old OAuth row keeps its Identity URL's origin, other old rows have none", () => {
    const config = JSON.stringify({ identityUrl: "HTTPS://Idp.Example.test:443/oauth/token?x=1" });
    expect(
      storedDestinations({ type: "basic", config: "{}", allowedDestinations: '["https://a.example.test"]' }),
    ).toEqual(["https://a.example.test"]);
    expect(
      storedDestinations({ type: "oauth_client_credentials", config, allowedDestinations: null }),
    ).toEqual(["https://idp.example.test"]);
    expect(storedDestinations({ type: "basic", config: "{}", allowedDestinations: null })).toEqual([]);
    expect(storedDestinations({ type: "basic", config: "{}", allowedDestinations: "not json" })).toEqual([]);
  });

  it("refuses every use of a credential without destinations, telling the user to add one", () => {
    const verdict = admitFor("Old", [])("https://a.example.test/x");
    expect(verdict).toEqual({
      allowed: false,
      message: expect.stringContaining("has no allowed destinations yet") as unknown as string,
    });
    expect(!verdict.allowed && verdict.message).toContain("Add the destination in its settings");
  });

  it("normalises what the form sent and compares lists as sets", () => {
    expect(normaliseDestinations(["HTTPS://A.example.test:443/", "http://127.0.0.1:8080/v2/"])).toEqual([
      "https://a.example.test",
      "http://127.0.0.1:8080/v2",
    ]);
    expect(() => normaliseDestinations([])).toThrow("Please correct the highlighted fields.");
    expect(sameDestinations(["a", "b"], ["b", "a"])).toBe(true);
    expect(sameDestinations(["a"], ["a", "b"])).toBe(false);
  });
});

describe("guarded sending", () => {
  it("refuses a request outside the destinations before the sender is called", async () => {
    const send = recordingSend();
    const deps = guardedDeps(
      { send },
      { admit: admitFor("IdP", ["https://idp.example.test"]), sensitiveHeaders: [] },
    );
    const result = await deps.send({ method: "GET", url: "https://elsewhere.example.test/" });
    expect(result).toMatchObject({ ok: false, error: { kind: "destination" } });
    expect(!result.ok && result.error.message).toContain("may only be sent to https://idp.example.test");
    expect(send).not.toHaveBeenCalled();
  });

  it("passes the check to every redirect and names the credential's headers", async () => {
    const send = recordingSend();
    const admit = admitFor("H", ["https://api.example.test"]);
    const deps = guardedDeps({ send }, { admit, sensitiveHeaders: ["X-Api-Key"] });
    await deps.send({ method: "GET", url: "https://api.example.test/v1" });
    expect(send.mock.calls[0][1]).toMatchObject({ admit, sensitiveHeaders: ["X-Api-Key"] });
  });

  it("Test: a URL outside is refused before the token request; the token request never follows redirects", async () => {
    dropCredentialCaches(oauth.id);
    const send = recordingSend();
    const guard = { admit: admitFor("IdP", ["https://idp.example.test"]), sensitiveHeaders: [] };
    const refused = await testCredential(
      oauth,
      { url: "https://api.example.test/me" },
      guardedDeps({ send, clock: fakeClock() }, guard),
    );
    expect(refused).toMatchObject({ ok: false, error: { kind: "destination" } });
    expect(refused.summary).toContain("https://api.example.test/me is not among them. Nothing was sent.");
    expect(send).not.toHaveBeenCalled();

    const tokenOnly = await testCredential(oauth, {}, guardedDeps({ send, clock: fakeClock() }, guard));
    expect(tokenOnly.ok).toBe(true);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0][1]).toMatchObject({ followRedirects: false });
  });

  it("Test: a token URL outside the destinations is refused too (nothing is sent)", async () => {
    dropCredentialCaches(oauth.id);
    const send = recordingSend();
    const guard = { admit: admitFor("IdP", ["https://api.example.test"]), sensitiveHeaders: [] };
    const result = await testCredential(oauth, {}, guardedDeps({ send, clock: fakeClock() }, guard));
    expect(result.ok).toBe(false);
    expect(result.summary).toContain("may only be sent to https://api.example.test");
    expect(send).not.toHaveBeenCalled();
  });
});
