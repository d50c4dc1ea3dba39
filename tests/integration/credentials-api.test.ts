// Credentials at work through /v1, against the real API, database (SQLite and PostgreSQL) and
// loopback peers: provisioning with credentials:write, Send Request with requests:send, the
// allowed destinations (nothing sent outside them, redirects never carry a secret elsewhere),
// retyping secrets to move them, the OAuth token cache, and "Used by".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import type http from "node:http";
import { createIntegration } from "@/lib/integrations";
import { listAudit } from "@/lib/audit";
import { runCredentialTest } from "@/lib/credentials";
import { resetKeyring } from "@/lib/crypto";
import { db } from "@/lib/db";
import { setFeature } from "@/lib/organisations/features";
import { listenOnLoopback, readBody, sendJson, type Peer } from "@/test-support/peers/listen";
import { startBasicPeer, startOidcPeer } from "@/test-support/peers";
import { DATABASE_KINDS, stopPostgres } from "@/test-support/test-database";
import {
  accessToken,
  call,
  HIGH_LIMITS,
  newKey,
  startApi,
  startSuite,
  stopSuite,
  type RunningApi,
  type Seed,
} from "./helpers/api";

// Every peer listens on 127.0.0.1; the outbound guard is opened for loopback only.
process.env.WORKBENCH_OUTBOUND_ALLOW = "127.0.0.0/8";
// As every instance of a PostgreSQL deployment must have it (and SQLite accepts it too).
process.env.WORKBENCH_ENCRYPTION_KEY = randomBytes(32).toString("base64");

type Seen = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };

/** A loopback peer that records every request it receives and answers with `answer`. */
async function recordingPeer(
  answer: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void = (_q, res) =>
    sendJson(res, 200, { ok: true }),
): Promise<Peer & { seen: Seen[] }> {
  const seen: Seen[] = [];
  const peer = await listenOnLoopback((req, res) => {
    void readBody(req).then((body) => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      answer(req, res, body);
    });
  });
  return { ...peer, seen };
}

afterAll(() => {
  stopPostgres();
  delete process.env.WORKBENCH_ENCRYPTION_KEY;
  resetKeyring();
});

describe.each(DATABASE_KINDS)("credentials at work through /v1 on %s", (kind) => {
  let running: RunningApi;
  let seed: Seed;
  let token: string;
  const peers: Peer[] = [];
  const path = () => `/v1/${seed.production}`;
  const track = <T extends Peer>(peer: T): T => (peers.push(peer), peer);

  beforeAll(async () => {
    ({ running, seed } = await startSuite(kind));
    resetKeyring();
    const key = await newKey(seed, {
      permissions: ["credentials:read", "credentials:write", "requests:send"],
      name: "provisioner",
    });
    token = await accessToken(running.base, key);
  });
  afterAll(async () => {
    await Promise.all(peers.map((p) => p.close()));
    await stopSuite(running);
  });

  it("creates a Basic credential with an API key, sends with it, the peer accepts; no answer carries the secret", async () => {
    const api = track(await startBasicPeer({ username: "robot", password: "basic-api-secret-1" }));
    const created = await call(running.base, `${path()}/integration-credentials`, {
      token,
      method: "POST",
      body: {
        type: "basic",
        name: "Partner API",
        username: "robot",
        password: "basic-api-secret-1",
        allowedDestinations: [`${api.url}/`],
      },
    });
    expect(created.status).toBe(201);
    const data = created.body.data as { id: string; allowedDestinations: string[]; type: string };
    expect(data).toMatchObject({ type: "basic", allowedDestinations: [api.url], lastUse: null });

    const sent = await call(running.base, `${path()}/requests`, {
      token,
      method: "POST",
      body: { credentialId: data.id, method: "GET", url: `${api.url}/me?x=1` },
    });
    expect(sent.status).toBe(200);
    expect(sent.body.data).toMatchObject({ status: 200, bodyEncoding: "utf8" });
    expect(JSON.parse((sent.body.data as { body: string }).body)).toEqual({
      authenticated: true,
      user: "robot",
    });
    expect((sent.body.data as { timings: { totalMs: number } }).timings.totalMs).toBeGreaterThan(0);

    // A refusal of the destination's own (401) is still its answer: 200 with data.status 401.
    const wrongUser = await call(running.base, `${path()}/requests`, {
      token,
      method: "POST",
      body: { method: "GET", url: `${api.url}/me` },
    });
    expect(wrongUser.status).toBe(200);
    expect(wrongUser.body.data).toMatchObject({ status: 401 });

    const list = await call(running.base, `${path()}/integration-credentials`, { token });
    expect(list.body.data).toEqual([
      expect.objectContaining({
        id: data.id,
        lastUse: expect.objectContaining({
          by: { type: "api_key", label: expect.stringContaining("provisioner") as unknown as string },
          destination: `${api.url}/me`,
          ok: true,
        }) as unknown,
      }),
    ]);
    for (const answer of [created, sent, list])
      expect(JSON.stringify(answer.body)).not.toContain("basic-api-secret-1");
    const audit = await listAudit(seed.actor, { action: "request.send" }, { take: 10, skip: 0 });
    expect(audit.events[audit.events.length - 1]).toMatchObject({
      actorType: "api_key",
      details: { method: "GET", url: `${api.url}/me`, credentialId: data.id, status: 200, ok: true },
    });
    expect(JSON.stringify(audit.events)).not.toContain("authenticated");
  });

  it("refuses a destination outside the list with 403 before anything is sent (Send Request and Test)", async () => {
    const allowed = track(await recordingPeer());
    const elsewhere = track(await recordingPeer());
    const created = await call(running.base, `${path()}/integration-credentials`, {
      token,
      method: "POST",
      body: {
        type: "custom_headers",
        name: "Header key",
        headers: [{ name: "X-Api-Key", value: "header-api-secret-1", secret: true }],
        allowedDestinations: [allowed.url],
      },
    });
    const id = (created.body.data as { id: string }).id;
    const refused = await call(running.base, `${path()}/requests`, {
      token,
      method: "POST",
      body: { credentialId: id, method: "POST", url: `${elsewhere.url}/collect`, body: "{}" },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe(
      `The credential "Header key" may only be sent to ${allowed.url}; ${elsewhere.url}/collect is not among them. Nothing was sent.`,
    );
    const test = await runCredentialTest(seed.actor, { id, url: `${elsewhere.url}/probe` });
    expect(test).toMatchObject({ ok: false, error: { kind: "destination" } });
    expect(elsewhere.seen).toHaveLength(0);
    expect(allowed.seen).toHaveLength(0);
    // Inside the list it goes, with the header.
    const ok = await call(running.base, `${path()}/requests`, {
      token,
      method: "POST",
      body: { credentialId: id, method: "GET", url: `${allowed.url}/ping` },
    });
    expect(ok.status).toBe(200);
    expect(allowed.seen[0].headers["x-api-key"]).toBe("header-api-secret-1");
    expect(JSON.stringify(ok.body)).not.toContain("header-api-secret-1");
  });

  it("a redirecting peer never gets the secret to another origin", async () => {
    const other = track(await recordingPeer());
    const redirecting = track(
      await recordingPeer((_req, res) => {
        res.writeHead(307, { location: `${other.url}/landing` }).end();
      }),
    );
    const create = (name: string, allowedDestinations: string[]) =>
      call(running.base, `${path()}/integration-credentials`, {
        token,
        method: "POST",
        body: {
          type: "custom_headers",
          name,
          headers: [{ name: "X-Api-Key", value: "redirect-secret-1", secret: true }],
          allowedDestinations,
        },
      });
    // The other origin is not allowed: the redirect is not followed (403, nothing reaches it).
    const narrow = (await create("Narrow", [redirecting.url])).body.data as { id: string };
    const notFollowed = await call(running.base, `${path()}/requests`, {
      token,
      method: "POST",
      body: { credentialId: narrow.id, method: "POST", url: `${redirecting.url}/start`, body: '{"a":1}' },
    });
    expect(notFollowed.status).toBe(403);
    expect(notFollowed.body.detail).toContain("the redirect was not followed");
    expect(other.seen).toHaveLength(0);
    // Both allowed: followed, but the credential's header and the body stay behind.
    const wide = (await create("Wide", [redirecting.url, other.url])).body.data as { id: string };
    const followed = await call(running.base, `${path()}/requests`, {
      token,
      method: "POST",
      body: { credentialId: wide.id, method: "POST", url: `${redirecting.url}/start`, body: '{"a":1}' },
    });
    expect(followed.status).toBe(200);
    expect(redirecting.seen.at(-1)?.headers["x-api-key"]).toBe("redirect-secret-1");
    expect(other.seen).toHaveLength(1);
    expect(other.seen[0].headers["x-api-key"]).toBeUndefined();
    expect(other.seen[0]).toMatchObject({ method: "GET", body: "" });
    expect(JSON.stringify(other.seen)).not.toContain("redirect-secret-1");
  });

  it("OAuth: the token request never follows a redirect; an Identity URL change needs the secret retyped", async () => {
    const idp = track(
      await startOidcPeer({ clientId: "wb", clientSecret: "oidc-api-secret-1", scope: "read" }),
    );
    const sink = track(await recordingPeer());
    const redirectingIdp = track(
      await recordingPeer((_req, res) => {
        res.writeHead(307, { location: `${sink.url}/token` }).end();
      }),
    );
    const api = track(await recordingPeer());
    const body = {
      type: "oauth_client_credentials",
      name: "IdP",
      identityUrl: `${redirectingIdp.url}/token`,
      clientId: "wb",
      clientSecret: "oidc-api-secret-1",
      scope: "read",
      scheme: "body",
      allowedDestinations: [redirectingIdp.url, sink.url, idp.url, api.url],
    };
    const created = await call(running.base, `${path()}/integration-credentials`, {
      token,
      method: "POST",
      body,
    });
    const id = (created.body.data as { id: string }).id;
    const viaRedirect = await call(running.base, `${path()}/requests`, {
      token,
      method: "POST",
      body: { credentialId: id, method: "GET", url: `${api.url}/data` },
    });
    expect(viaRedirect.status).toBe(400);
    expect(viaRedirect.body.detail).toContain("307");
    expect(redirectingIdp.seen).toHaveLength(1);
    expect(sink.seen).toHaveLength(0);
    expect(api.seen).toHaveLength(0);

    const moved = { ...body, identityUrl: idp.tokenUrl, clientSecret: "" };
    const refused = await call(running.base, `${path()}/integration-credentials/${id}`, {
      token,
      method: "PATCH",
      body: moved,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toMatchObject({
      clientSecret: expect.stringContaining("Type this secret again") as unknown as string,
      identityUrl: expect.stringContaining("typed again") as unknown as string,
    });
    const narrowed = await call(running.base, `${path()}/integration-credentials/${id}`, {
      token,
      method: "PATCH",
      body: { ...body, clientSecret: "", allowedDestinations: [idp.url, api.url] },
    });
    expect(narrowed.status).toBe(400);
    expect(narrowed.body.errors).toHaveProperty("allowedDestinations");
    const saved = await call(running.base, `${path()}/integration-credentials/${id}`, {
      token,
      method: "PATCH",
      body: { ...moved, clientSecret: "oidc-api-secret-1", allowedDestinations: [idp.url, api.url] },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({ version: 2, allowedDestinations: [idp.url, api.url] });
    // A rename alone needs no secret.
    const renamed = await call(running.base, `${path()}/integration-credentials/${id}`, {
      token,
      method: "PATCH",
      body: { ...moved, name: "IdP (renamed)", allowedDestinations: [api.url, idp.url] },
    });
    expect(renamed.status).toBe(200);

    // 20 Send Requests within 45 s through one OAuth credential: one token request at the IdP.
    for (let i = 0; i < 20; i += 1) {
      const sent = await call(running.base, `${path()}/requests`, {
        token,
        method: "POST",
        body: { credentialId: id, method: "GET", url: `${api.url}/data?i=${i}` },
      });
      expect(sent.status).toBe(200);
    }
    expect(idp.tokenRequests()).toBe(1);
    expect(api.seen.filter((s) => s.url.startsWith("/data"))).toHaveLength(20);
    expect(api.seen.every((s) => /^Bearer \S+$/.test(s.headers.authorization ?? ""))).toBe(true);
    expect(new Set(api.seen.map((s) => s.headers.authorization)).size).toBe(1);
    expect(JSON.stringify(await listAudit(seed.actor, {}, { take: 500, skip: 0 }))).not.toContain(
      "oidc-api-secret-1",
    );
  });

  it("refuses to delete a credential an S3 bucket uses, naming the bucket; keys without credentials:write get 403", async () => {
    const store = track(await recordingPeer());
    const created = await call(running.base, `${path()}/integration-credentials`, {
      token,
      method: "POST",
      body: {
        type: "aws_signed_request",
        name: "S3 writer",
        accessKeyId: "AKIDEXAMPLE",
        secretAccessKey: "aws-api-secret-1",
        service: "s3",
        region: "eu-west-1",
        signQuery: false,
        allowedDestinations: [store.url],
      },
    });
    const id = (created.body.data as { id: string }).id;
    await setFeature(seed.organisationId, "aws-s3", true);
    await createIntegration(seed.actor, {
      environmentId: seed.production,
      values: {
        kind: "s3_action_flows",
        name: "Flows store",
        bucket: "flows-bucket",
        region: "eu-west-1",
        prefix: "",
        credentialMode: "credential",
        credentialId: id,
        accessKeyId: "",
        secretAccessKey: "",
        sessionToken: "",
        endpointUrl: store.url,
        forcePathStyle: true,
      },
    });
    const refused = await call(running.base, `${path()}/integration-credentials/${id}`, {
      token,
      method: "DELETE",
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe(
      'The credential "S3 writer" is used by S3 Action Flows bucket "Flows store". Change it to use another credential first.',
    );
    expect(await db().credential.count({ where: { id } })).toBe(1);

    const reader = await newKey(seed, { permissions: ["credentials:read"] });
    const readerToken = await accessToken(running.base, reader);
    const forbidden = await call(running.base, `${path()}/integration-credentials/${id}`, {
      token: readerToken,
      method: "DELETE",
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe("missing_permission");
    const noSend = await call(running.base, `${path()}/requests`, {
      token: readerToken,
      method: "POST",
      body: { method: "GET", url: `${store.url}/` },
    });
    expect(noSend.status).toBe(403);
    expect(store.seen).toHaveLength(0);
    const otherEnvironment = await call(running.base, `/v1/${seed.staging}/integration-credentials`, {
      token,
      method: "POST",
      body: { type: "basic", name: "x", username: "u", password: "p", allowedDestinations: [store.url] },
    });
    expect(otherEnvironment.status).toBe(403);
    expect(otherEnvironment.body.code).toBe("wrong_environment");
  });

  it("rate-limits Send Request per key (429 with Retry-After; nothing sent over the limit)", async () => {
    const peer = track(await recordingPeer());
    const limited = await startApi({
      rateLimits: { ...HIGH_LIMITS, sendRequest: { limit: 2, windowMs: 60_000 } },
    });
    try {
      const key = await newKey(seed, { permissions: ["requests:send"] });
      const keyToken = await accessToken(limited.base, key);
      const send = () =>
        call(limited.base, `${path()}/requests`, {
          token: keyToken,
          method: "POST",
          body: { method: "GET", url: `${peer.url}/n` },
        });
      expect((await send()).status).toBe(200);
      expect((await send()).status).toBe(200);
      const third = await send();
      expect(third.status).toBe(429);
      expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(peer.seen).toHaveLength(2);
    } finally {
      await limited.api.close();
    }
  });

  it("rows saved before destinations existed: OAuth keeps its Identity URL's origin, others are refused until given one", async () => {
    const idp = track(
      await startOidcPeer({ clientId: "old", clientSecret: "old-oidc-secret-1", scope: "read" }),
    );
    const api = track(await recordingPeer());
    const { encryptSecretMap } = await import("@/lib/crypto");
    const old = async (name: string, type: string, config: object, secrets: Record<string, string>) => {
      const id = `cred_old_${type}_${kind}`;
      await db().credential.create({
        data: {
          id,
          environmentId: seed.production,
          name,
          type,
          config: JSON.stringify(config),
          secrets: JSON.stringify(
            encryptSecretMap(secrets, { scope: "credential", recordId: id, label: name }),
          ),
          createdByLabel: "before",
          updatedByLabel: "before",
        },
      });
      return id;
    };
    const oauthId = await old(
      "Old IdP",
      "oauth_client_credentials",
      { identityUrl: idp.tokenUrl, clientId: "old", scope: "read", scheme: "body" },
      { clientSecret: "old-oidc-secret-1" },
    );
    const basicId = await old("Old Basic", "basic", { username: "u" }, { password: "old-basic-secret-1" });
    const list = await call(running.base, `${path()}/integration-credentials`, { token });
    const byId = new Map(
      (list.body.data as { id: string; allowedDestinations: string[] }[]).map((c) => [c.id, c]),
    );
    expect(byId.get(oauthId)?.allowedDestinations).toEqual([idp.url]);
    expect(byId.get(basicId)?.allowedDestinations).toEqual([]);
    // The OAuth row's token request still goes to its Identity URL's origin (an API elsewhere is refused).
    const elsewhere = await call(running.base, `${path()}/requests`, {
      token,
      method: "POST",
      body: { credentialId: oauthId, method: "GET", url: `${api.url}/x` },
    });
    expect(elsewhere.status).toBe(403);
    const test = await runCredentialTest(seed.actor, { id: oauthId });
    expect(test.ok).toBe(true);
    expect(idp.tokenRequests()).toBe(1);
    const basic = await call(running.base, `${path()}/requests`, {
      token,
      method: "POST",
      body: { credentialId: basicId, method: "GET", url: `${api.url}/x` },
    });
    expect(basic.status).toBe(403);
    expect(basic.body.detail).toBe(
      'The credential "Old Basic" has no allowed destinations yet, so it is not sent anywhere. Add the destination in its settings.',
    );
    expect(api.seen).toHaveLength(0);
  });

  it("a key-pair credential's JWT is reused across Send Requests (the 90 % cache at work)", async () => {
    const api = track(await recordingPeer());
    const created = await call(running.base, `${path()}/integration-credentials`, {
      token,
      method: "POST",
      body: {
        type: "key_pair",
        name: "Signer",
        generateKey: true,
        algorithm: "ES256",
        issuer: "wb",
        subject: "",
        audience: "",
        customClaims: "",
        lifetimeSeconds: 600,
        keyId: "",
        allowedDestinations: [api.url],
      },
    });
    expect(created.status).toBe(201);
    const id = (created.body.data as { id: string }).id;
    for (let i = 0; i < 3; i += 1)
      expect(
        (
          await call(running.base, `${path()}/requests`, {
            token,
            method: "POST",
            body: { credentialId: id, method: "GET", url: `${api.url}/jwt` },
          })
        ).status,
      ).toBe(200);
    const tokens = api.seen.map((s) => s.headers.authorization);
    expect(tokens).toHaveLength(3);
    expect(tokens[0]).toMatch(/^Bearer ey/);
    expect(new Set(tokens).size).toBe(1);
  });

  it("publishes the new operations in OpenAPI with their permissions", async () => {
    const document = await call(running.base, "/v1/openapi.json");
    const paths = document.body.paths as Record<string, Record<string, { security: { oAuth2: string[] }[] }>>;
    expect(paths["/v1/{environmentId}/requests"].post.security).toEqual([{ oAuth2: ["requests:send"] }]);
    expect(paths["/v1/{environmentId}/integration-credentials"].post.security).toEqual([
      { oAuth2: ["credentials:write"] },
    ]);
    for (const method of ["patch", "delete"])
      expect(paths["/v1/{environmentId}/integration-credentials/{credentialId}"][method].security).toEqual([
        { oAuth2: ["credentials:write"] },
      ]);
  });
});
