import { beforeEach, describe, expect, it, vi } from "vitest";
import type { OutboundRequest, OutboundResult } from "../outbound";
import { dropCredentialCaches } from "./cache";
import { fakeClock } from "./clock";
import { buildTokenRequest, obtainToken, parseTokenResponse, tokenLifetimeWarning } from "./oauth";
import { resolveDeps } from "./resolve-deps";
import type { OAuthConfig } from "./kinds/oauth-client-credentials";
import type { ResolvableCredential } from "./types";

const config: OAuthConfig = {
  identityUrl: "https://idp.example/oauth2/token?tenant=acme&client_id=old",
  clientId: "my id",
  scope: "read write",
  scheme: "body",
};

function response(status: number, body: unknown, contentType = "application/json"): OutboundResult {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return {
    ok: true,
    response: {
      url: "https://idp.example/",
      status,
      statusText: status === 200 ? "OK" : "Unauthorized",
      headers: { "content-type": contentType },
      body: Buffer.from(text),
      truncated: false,
      remoteAddress: null,
      timing: { dnsMs: 1, connectMs: 2, tlsMs: 3, firstByteMs: 4, totalMs: 5 },
      redirects: [],
    },
  };
}

describe("buildTokenRequest", () => {
  it("body scheme: form-encoded POST, Identity URL query left as is", () => {
    const request = buildTokenRequest(config, "s3cr&t");
    expect(request).toMatchObject({
      method: "POST",
      url: config.identityUrl,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(Object.fromEntries(new URLSearchParams(request.body as string))).toEqual({
      grant_type: "client_credentials",
      client_id: "my id",
      client_secret: "s3cr&t",
      scope: "read write",
    });
  });

  it("query scheme: GET with OAuth parameters merged into the Identity URL's own", () => {
    const request = buildTokenRequest({ ...config, scheme: "query" }, "s");
    const url = new URL(request.url);
    expect(request.method).toBe("GET");
    expect(request.body).toBeUndefined();
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tenant: "acme",
      client_id: "my id",
      grant_type: "client_credentials",
      client_secret: "s",
      scope: "read write",
    });
  });

  it("post_query scheme: POST with the parameters in the query and an empty body", () => {
    const request = buildTokenRequest({ ...config, scheme: "post_query", scope: "" }, "s");
    expect(request).toMatchObject({ method: "POST", body: "" });
    expect(new URL(request.url).searchParams.has("scope")).toBe(false);
    expect(new URL(request.url).searchParams.get("tenant")).toBe("acme");
  });
});

describe("parseTokenResponse", () => {
  it("reads RFC 6749 responses, JSON or form-encoded", () => {
    expect(
      parseTokenResponse(
        response(200, { access_token: "a", token_type: "bearer", expires_in: 3600, scope: "r" }),
        1,
      ),
    ).toEqual({
      ok: true,
      token: { accessToken: "a", tokenType: "bearer", expiresIn: 3600, scope: "r", obtainedAt: 1 },
    });
    const form = parseTokenResponse(
      response(200, "access_token=b&expires_in=60", "application/x-www-form-urlencoded"),
      1,
    );
    expect(form.ok && form.token).toMatchObject({ accessToken: "b", expiresIn: 60, tokenType: "Bearer" });
  });

  it("explains refusals and malformed answers in plain words", () => {
    const refused = parseTokenResponse(
      response(401, { error: "invalid_client", error_description: "Client authentication failed" }),
      1,
    );
    expect(refused).toEqual({
      ok: false,
      message:
        "The identity provider answered 401 Unauthorized: invalid_client (Client authentication failed). Check the client ID and client secret.",
    });
    expect(parseTokenResponse(response(200, "<html>"), 1)).toEqual({
      ok: false,
      message: "The identity provider answered 200 but the body has no access_token.",
    });
    const failed: OutboundResult = {
      ok: false,
      error: {
        kind: "dns",
        message: "The name idp.example could not be resolved.",
        url: "",
        timing: null,
        redirects: [],
      },
    };
    expect(parseTokenResponse(failed, 1)).toEqual({
      ok: false,
      message: "The token request failed. The name idp.example could not be resolved.",
    });
  });

  it("warns when the token lives 45 s or less", () => {
    expect(tokenLifetimeWarning(3600)).toBeNull();
    expect(tokenLifetimeWarning(null)).toBeNull();
    expect(tokenLifetimeWarning(46)).toBeNull();
    expect(tokenLifetimeWarning(45)).toMatch(/expires in 45 s, which is not longer than the 45 s cache/);
  });
});

describe("obtainToken caching", () => {
  const credential = (version = 1): Extract<ResolvableCredential, { type: "oauth_client_credentials" }> => ({
    id: "cred_oauth",
    version,
    name: "IdP",
    type: "oauth_client_credentials",
    config: { ...config },
    secrets: { clientSecret: "s" },
  });
  let counter = 0;
  const send = vi.fn(async (request: OutboundRequest) => {
    void request;
    counter += 1;
    return response(200, { access_token: `token-${counter}`, expires_in: 3600 });
  });
  beforeEach(() => {
    dropCredentialCaches("cred_oauth");
    send.mockClear();
  });

  it("reuses the token for 45 s, then fetches a new one", async () => {
    const clock = fakeClock();
    const deps = resolveDeps({ clock, send });
    const first = await obtainToken(credential(), deps);
    clock.advance(44_999);
    const second = await obtainToken(credential(), deps);
    expect(second.ok && second.cached).toBe(true);
    expect(second.ok && second.token.accessToken).toBe(first.ok && first.token.accessToken);
    clock.advance(1);
    const third = await obtainToken(credential(), deps);
    expect(third.ok && third.cached).toBe(false);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it("keys the cache by version and drops it on edit", async () => {
    const deps = resolveDeps({ clock: fakeClock(), send });
    await obtainToken(credential(1), deps);
    await obtainToken(credential(2), deps);
    expect(send).toHaveBeenCalledTimes(2);
    dropCredentialCaches("cred_oauth");
    await obtainToken(credential(2), deps);
    expect(send).toHaveBeenCalledTimes(3);
  });

  it("never serves a token past the provider's expiry, and warns", async () => {
    const clock = fakeClock();
    const shortLived = vi.fn(async () => response(200, { access_token: "short", expires_in: 10 }));
    const deps = resolveDeps({ clock, send: shortLived });
    const first = await obtainToken(credential(), deps);
    expect(first.ok && first.warnings[0]).toMatch(/expires in 10 s/);
    clock.advance(10_000);
    await obtainToken(credential(), deps);
    expect(shortLived).toHaveBeenCalledTimes(2);
  });

  it("sends one token request for concurrent callers", async () => {
    const deps = resolveDeps({ clock: fakeClock(), send });
    await Promise.all([
      obtainToken(credential(), deps),
      obtainToken(credential(), deps),
      obtainToken(credential(), deps),
    ]);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it("does not cache failures", async () => {
    const failing = vi.fn(async () => response(401, { error: "invalid_client" }));
    const deps = resolveDeps({ clock: fakeClock(), send: failing });
    expect((await obtainToken(credential(), deps)).ok).toBe(false);
    expect((await obtainToken(credential(), deps)).ok).toBe(false);
    expect(failing).toHaveBeenCalledTimes(2);
  });
});
