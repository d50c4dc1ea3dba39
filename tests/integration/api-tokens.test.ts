// POST /oauth2/token against the real API and database: the documented bash example, openid-client,
// refresh, rotation (immediate and with grace), expiry, revocation, deletion, rate limits and
// bad input. Runs on SQLite and PostgreSQL.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import * as oauth from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteApiKey, memoryRateLimitStore, revokeApiKey, rotateApiKey, updateApiKey } from "@/lib/api-keys";
import { DATABASE_KINDS, stopPostgres } from "@/test-support/test-database";
import {
  accessToken,
  call,
  newKey,
  requestToken,
  startApi,
  startSuite,
  stopSuite,
  waitUntil,
  type RunningApi,
  type Seed,
} from "./helpers/api";

const run = promisify(execFile);
afterAll(() => stopPostgres());

describe.each(DATABASE_KINDS)("token endpoint on %s", (kind) => {
  let running: RunningApi;
  let seed: Seed;

  beforeAll(async () => ({ running, seed } = await startSuite(kind)));
  afterAll(() => stopSuite(running));

  it("serves the documented bash example (curl, base64, jq) unchanged", async () => {
    const key = await newKey(seed, { permissions: ["environments:read"] });
    const script = path.resolve(__dirname, "../fixtures/auth.sh");
    const env = {
      ...process.env,
      WB_ORG_ID: seed.organisationId,
      WB_CLIENT_ID: key.key.clientId,
      WB_CLIENT_SECRET: key.clientSecret,
      WB_BASE_URL: running.base,
    };
    const { stdout } = await run("bash", [script], { env });
    const output = JSON.parse(stdout) as {
      environments: { id: number; name: string; created: string; organisationName: string }[];
    };
    expect(output.environments).toEqual([
      {
        id: seed.production,
        name: "production",
        created: expect.stringMatching(/^\d{4}-/),
        organisationName: "Test organisation",
      },
    ]);
  });

  it("answers openid-client's client-credentials grant and a refresh", async () => {
    const key = await newKey(seed, { permissions: ["environments:read", "cards:read"] });
    const config = new oauth.Configuration(
      { issuer: running.base, token_endpoint: `${running.base}/oauth2/token` },
      key.key.clientId,
      undefined,
      oauth.ClientSecretBasic(key.clientSecret),
    );
    oauth.allowInsecureRequests(config);
    const tokens = await oauth.clientCredentialsGrant(config, { scope: "environments:read" });
    expect(tokens.token_type).toBe("bearer");
    expect(tokens.expires_in).toBe(3600);
    expect(tokens.scope).toBe("environments:read");
    expect((await call(running.base, "/v1/environments", { token: tokens.access_token })).status).toBe(200);
    // The narrowed scope holds: cards:read was not asked for.
    expect(
      (await call(running.base, `/v1/${seed.production}/cards`, { token: tokens.access_token })).body.detail,
    ).toBe("missing permission: cards:read");

    const refreshed = await oauth.refreshTokenGrant(config, tokens.refresh_token ?? "");
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.scope).toBe("environments:read");
    expect((await call(running.base, "/v1/environments", { token: refreshed.access_token })).status).toBe(
      200,
    );
  });

  it("answers RFC 6749 §5 JSON with no-store, and accepts form-body parameters and client_secret_post", async () => {
    const key = await newKey(seed, { permissions: ["environments:read"] });
    const seedStyle = await requestToken(running.base, key.key.clientId, key.clientSecret);
    expect(seedStyle.status).toBe(200);
    expect(seedStyle.headers.get("cache-control")).toBe("no-store");
    expect(seedStyle.body).toEqual({
      access_token: expect.any(String),
      token_type: "Bearer",
      expires_in: 3600,
      refresh_token: expect.any(String),
      scope: "environments:read",
    });
    const posted = await fetch(`${running.base}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: key.key.clientId,
        client_secret: key.clientSecret,
      }),
    });
    expect(posted.status).toBe(200);
  });

  it("refuses bad input with OAuth JSON errors, never a 500", async () => {
    const key = await newKey(seed, { permissions: ["environments:read"] });
    const basic = `Basic ${Buffer.from(`${key.key.clientId}:${key.clientSecret}`).toString("base64")}`;
    const form = "application/x-www-form-urlencoded";
    const cases: [string, RequestInit & { path?: string }, number, string][] = [
      [
        "malformed Basic",
        { headers: { "content-type": form, authorization: "Basic %%%" } },
        401,
        "invalid_client",
      ],
      [
        "Basic without colon",
        {
          headers: {
            "content-type": form,
            authorization: `Basic ${Buffer.from("nocolon").toString("base64")}`,
          },
        },
        401,
        "invalid_client",
      ],
      [
        "wrong secret",
        {
          headers: {
            "content-type": form,
            authorization: `Basic ${Buffer.from(`${key.key.clientId}:wbsk_nope`).toString("base64")}`,
          },
        },
        401,
        "invalid_client",
      ],
      [
        "JSON content type",
        { headers: { "content-type": "application/json", authorization: basic }, body: "{}" },
        400,
        "invalid_request",
      ],
      [
        "text content type",
        { headers: { "content-type": "text/plain", authorization: basic }, body: "hello" },
        400,
        "invalid_request",
      ],
      [
        "huge body",
        { headers: { "content-type": form, authorization: basic }, body: `x=${"a".repeat(200_000)}` },
        413,
        "invalid_request",
      ],
      [
        "unknown grant",
        {
          path: "/oauth2/token?grant_type=password",
          headers: { "content-type": form, authorization: basic },
        },
        400,
        "unsupported_grant_type",
      ],
      [
        "no grant",
        { path: "/oauth2/token", headers: { "content-type": form, authorization: basic } },
        400,
        "invalid_request",
      ],
      [
        "unicode credentials",
        {
          headers: {
            "content-type": form,
            authorization: `Basic ${Buffer.from("ключ:秘密🔑").toString("base64")}`,
          },
        },
        401,
        "invalid_client",
      ],
      [
        "unicode grant",
        {
          path: "/oauth2/token?grant_type=%F0%9F%94%91",
          headers: { "content-type": form, authorization: basic },
        },
        400,
        "unsupported_grant_type",
      ],
      [
        "broken percent-encoding",
        {
          path: "/oauth2/token?grant_type=client_credentials&client_id=%E0%A4%A",
          headers: { "content-type": form, authorization: basic },
        },
        400,
        "invalid_request",
      ],
      [
        "refresh without token",
        {
          path: "/oauth2/token?grant_type=refresh_token",
          headers: { "content-type": form, authorization: basic },
        },
        400,
        "invalid_request",
      ],
      [
        "client secret in the URL query",
        {
          path: `/oauth2/token?grant_type=client_credentials&client_id=${key.key.clientId}&client_secret=${key.clientSecret}`,
          headers: { "content-type": form },
        },
        400,
        "invalid_request",
      ],
      [
        "forged refresh token",
        {
          path: "/oauth2/token?grant_type=refresh_token&refresh_token=wbrt_abc.def",
          headers: { "content-type": form, authorization: basic },
        },
        400,
        "invalid_grant",
      ],
      [
        "scope the key lacks",
        {
          path: "/oauth2/token?grant_type=client_credentials&scope=cards:write",
          headers: { "content-type": form, authorization: basic },
        },
        400,
        "invalid_scope",
      ],
    ];
    for (const [name, { path: url, ...init }, status, error] of cases) {
      const response = await fetch(`${running.base}${url ?? "/oauth2/token?grant_type=client_credentials"}`, {
        method: "POST",
        ...init,
      });
      expect(response.status, name).toBe(status);
      expect(response.headers.get("content-type"), name).toContain("application/json");
      expect(((await response.json()) as { error: string }).error, name).toBe(error);
      if (status === 401) expect(response.headers.get("www-authenticate"), name).toContain("Basic");
    }
    const get = await fetch(`${running.base}/oauth2/token`);
    expect(get.status).toBe(405);
  });

  it("rotation kills the old secret and its tokens at once", async () => {
    const key = await newKey(seed, { permissions: ["environments:read"] });
    const oldToken = await accessToken(running.base, key);
    const rotated = await rotateApiKey(seed.actor, { id: key.key.id });
    expect(rotated.clientSecret).not.toBe(key.clientSecret);
    expect((await requestToken(running.base, key.key.clientId, key.clientSecret)).status).toBe(401);
    const stale = await call(running.base, "/v1/environments", { token: oldToken });
    expect(stale.status).toBe(401);
    expect(stale.body.detail).toContain("rotated");
    expect((await requestToken(running.base, key.key.clientId, rotated.clientSecret)).status).toBe(200);
  });

  it("rotation with a grace period keeps the old secret and its tokens alive until it ends", async () => {
    const key = await newKey(seed, { permissions: ["environments:read"] });
    const oldToken = await accessToken(running.base, key);
    const rotated = await rotateApiKey(seed.actor, { id: key.key.id, grace: "1h" });
    expect(rotated.key.previousSecretExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
    expect((await requestToken(running.base, key.key.clientId, key.clientSecret)).status).toBe(200);
    expect((await call(running.base, "/v1/environments", { token: oldToken })).status).toBe(200);
    expect((await requestToken(running.base, key.key.clientId, rotated.clientSecret)).status).toBe(200);
    // A second, immediate rotation ends the grace period.
    const again = await rotateApiKey(seed.actor, { id: key.key.id });
    expect((await requestToken(running.base, key.key.clientId, key.clientSecret)).status).toBe(401);
    expect((await requestToken(running.base, key.key.clientId, rotated.clientSecret)).status).toBe(401);
    expect((await requestToken(running.base, key.key.clientId, again.clientSecret)).status).toBe(200);
  });

  it("a key stops working after its expiry date: token requests and outstanding tokens", async () => {
    const key = await newKey(seed, {
      permissions: ["environments:read"],
      expiresAt: new Date(Date.now() + 1500),
    });
    const token = await accessToken(running.base, key);
    expect((await call(running.base, "/v1/environments", { token })).status).toBe(200);
    await waitUntil(
      async () => (await call(running.base, "/v1/environments", { token })).status === 401,
      5000,
    );
    const refused = await call(running.base, "/v1/environments", { token });
    expect(refused.body.detail).toContain("expired on");
    const again = await requestToken(running.base, key.key.clientId, key.clientSecret);
    expect(again.status).toBe(401);
    expect(again.body.error_description).toBe("The API key has expired");
  });

  it("revocation and deletion refuse outstanding access and refresh tokens", async () => {
    for (const end of ["revoke", "delete"] as const) {
      const key = await newKey(seed, { permissions: ["environments:read"] });
      const { body } = await requestToken(running.base, key.key.clientId, key.clientSecret);
      if (end === "revoke") await revokeApiKey(seed.actor, { id: key.key.id });
      else await deleteApiKey(seed.actor, { id: key.key.id });
      const refused = await call(running.base, "/v1/environments", { token: body.access_token });
      expect(refused.status, end).toBe(401);
      expect(refused.body.detail, end).toMatch(end === "revoke" ? /revoked/ : /no longer exists/);
      const refresh = await fetch(`${running.base}/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "refresh_token",
          refresh_token: String(body.refresh_token),
          client_id: key.key.clientId,
          client_secret: key.clientSecret,
        }).toString(),
      });
      expect(refresh.status, end).toBe(401);
    }
  });

  it("edits apply to the next request, also for outstanding tokens", async () => {
    const key = await newKey(seed, { permissions: ["environments:read", "cards:read"] });
    const token = await accessToken(running.base, key);
    expect((await call(running.base, `/v1/${seed.production}/cards`, { token })).status).toBe(200);
    await updateApiKey(seed.actor, { id: key.key.id, permissions: ["environments:read"] });
    const refused = await call(running.base, `/v1/${seed.production}/cards`, { token });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe("missing permission: cards:read");
  });

  it("429 with Retry-After: per client on the token endpoint, per address and client on failed authentication", async () => {
    const limited = await startApi({
      rateLimits: { token: { limit: 3, windowMs: 60_000 }, authFailure: { limit: 2, windowMs: 60_000 } },
      rateLimitStore: memoryRateLimitStore(),
    });
    try {
      const key = await newKey(seed, { permissions: ["environments:read"] });
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await requestToken(limited.base, key.key.clientId, key.clientSecret)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await requestToken(limited.base, key.key.clientId, key.clientSecret);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(refused.body.error_description).toContain("cache the access token");

      const wrong = () => requestToken(limited.base, key.key.clientId, "wbsk_wrong");
      expect([(await wrong()).status, (await wrong()).status, (await wrong()).status]).toEqual([
        401, 401, 429,
      ]);
      const blocked = await wrong();
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(blocked.body.error_description).toBe(
        "Too many failed authentications for this client from this address",
      );
      // Another client behind the same address is not locked out by the first one's failures,
      // and its own failures are counted on their own.
      const other = await newKey(seed, { permissions: ["environments:read"] });
      expect((await requestToken(limited.base, other.key.clientId, other.clientSecret)).status).toBe(200);
      const otherWrong = () => requestToken(limited.base, other.key.clientId, "wbsk_wrong");
      expect([(await otherWrong()).status, (await otherWrong()).status, (await otherWrong()).status]).toEqual(
        [401, 401, 429],
      );
      // Correct credentials still get through for a client whose failures hit the limit.
      expect((await requestToken(limited.base, other.key.clientId, other.clientSecret)).status).toBe(200);
    } finally {
      await limited.api.close();
    }
  });
});
