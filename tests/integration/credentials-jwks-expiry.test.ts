// Hosted JWKS of key-pair credentials and the provider-side expiry of credential secrets, on
// SQLite and on PostgreSQL: the JWKS route is the real public API on loopback, read by jose's
// createRemoteJWKSet as a verifier would; the expiry notices go out through the real webhook
// worker to a peer that verifies their signatures.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import {
  createCredential,
  duplicateCredential,
  emitSecretExpiryNotices,
  getCredentialForEdit,
  listCredentials,
  publishedJwks,
  rotateKeyPair,
  setJwksPublished,
  setSecretExpiry,
} from "@/lib/credentials";
import { mintJwt } from "@/lib/credentials/key-pair";
import { materialFromRow } from "@/lib/credentials/record";
import { db } from "@/lib/db";
import { startWebhookWorker, type WebhookWorker } from "@/lib/webhooks/delivery";
import { startWebhookPeer, type WebhookPeer } from "@/test-support/peers";
import { DATABASE_KINDS, stopPostgres } from "@/test-support/test-database";
import {
  accessToken,
  call,
  newKey,
  startSuite,
  stopSuite,
  UA,
  type RunningApi,
  type Seed,
} from "./helpers/api";
import { createEndpoint, waitFor } from "./helpers/webhooks";

process.env.WORKBENCH_OUTBOUND_ALLOW = "127.0.0.0/8";

afterAll(() => stopPostgres());

const DAY = 24 * 3600_000;
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/** A JWT signed with the credential's current private key, as its use would send it. */
async function tokenOf(id: string): Promise<string> {
  const row = await db().credential.findUniqueOrThrow({
    where: { id },
    select: { id: true, name: true, type: true, version: true, config: true, secrets: true },
  });
  const material = materialFromRow(row);
  if (material.type !== "key_pair") throw new Error("not a key-pair credential");
  return (await mintJwt(material.config, material.secrets.privateKeyPem, Date.now())).jwt;
}

describe.each(DATABASE_KINDS)("hosted JWKS and secret expiry on %s", (kind) => {
  let running: RunningApi;
  let seed: Seed;
  let worker: WebhookWorker | null = null;
  const peers: WebhookPeer[] = [];

  beforeAll(async () => {
    ({ running, seed } = await startSuite(kind));
  });
  afterEach(async () => {
    await worker?.stop();
    worker = null;
    await Promise.all(peers.splice(0).map((p) => p.close()));
  });
  afterAll(() => stopSuite(running));

  const keyPair = (name: string) =>
    createCredential(seed.actor, {
      environmentId: seed.production,
      credential: {
        type: "key_pair",
        name,
        generateKey: true,
        algorithm: "ES256",
        issuer: "workbench",
        subject: "jwks-test",
        audience: "https://verifier.test",
        customClaims: "",
        lifetimeSeconds: 300,
        keyId: "",
        allowedDestinations: ["https://verifier.test"],
      },
    });
  const fetchJwks = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${running.base}${path}`, { headers: { "User-Agent": UA, ...headers } });

  it("publishes the key set at a stable URL with an ETag (304 when unchanged), keeps the previous key through the rotation overlap, and 404s once unpublished", async () => {
    const credential = await keyPair("Signing key");
    expect((await getCredentialForEdit(seed.actor, credential.id)).jwks).toMatchObject({
      published: false,
      path: null,
    });
    const state = await setJwksPublished(seed.actor, { id: credential.id, published: true });
    expect(state.path).toMatch(/^\/\.well-known\/jwks\/jwks_[A-Za-z0-9_-]{22}\.json$/);
    expect(state.path).not.toContain(credential.id);

    const first = await fetchJwks(state.path!);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("public, max-age=300");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);
    const set = (await first.json()) as { keys: Record<string, unknown>[] };
    expect(set.keys).toHaveLength(1);
    expect(set.keys[0]).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });
    expect(set.keys[0]).not.toHaveProperty("d");
    const unchanged = await fetchJwks(state.path!, { "If-None-Match": etag });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe("");

    // A verifier that fetches the set accepts a token signed before the rotation and one after.
    const jwks = createRemoteJWKSet(new URL(`${running.base}${state.path}`), { cooldownDuration: 0 });
    const verify = (jwt: string) =>
      jwtVerify(jwt, jwks, { issuer: "workbench", audience: "https://verifier.test" });
    const before = await tokenOf(credential.id);
    expect((await verify(before)).protectedHeader.kid).toBe(set.keys[0].kid);

    const rotated = await rotateKeyPair(seed.actor, { id: credential.id, overlapSeconds: 3600 });
    expect(rotated.previousKid).toBe(set.keys[0].kid);
    const after = await tokenOf(credential.id);
    expect(decodeProtectedHeader(after).kid).toBe(rotated.kid);
    expect(rotated.kid).not.toBe(rotated.previousKid);
    const changed = await fetchJwks(state.path!, { "If-None-Match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    const both = (await changed.json()) as { keys: { kid: string }[] };
    expect(both.keys.map((k) => k.kid)).toEqual([rotated.kid, rotated.previousKid]);
    await expect(verify(after)).resolves.toBeTruthy();
    await expect(verify(before)).resolves.toBeTruthy();

    // Once the overlap has ended the previous key leaves the set.
    const publicId = state.path!.replace(/^.*\/(jwks_[^.]+)\.json$/, "$1");
    const later = await publishedJwks(publicId, new Date(Date.now() + 3601_000));
    expect(JSON.parse(later!.body).keys.map((k: { kid: string }) => k.kid)).toEqual([rotated.kid]);
    const soon = await publishedJwks(publicId, new Date(Date.now() + 3500_000));
    expect(JSON.parse(soon!.body).keys).toHaveLength(2);

    // A rotation without overlap retires the previous key at once: its tokens stop verifying.
    const third = await rotateKeyPair(seed.actor, { id: credential.id, overlapSeconds: 0 });
    const now = (await (await fetchJwks(state.path!)).json()) as { keys: { kid: string }[] };
    // The key of the first rotation is still inside its own overlap; the second's is gone.
    expect(now.keys.map((k) => k.kid)).toEqual([third.kid, rotated.previousKid]);
    const fresh = createRemoteJWKSet(new URL(`${running.base}${state.path}`));
    await expect(jwtVerify(after, fresh)).rejects.toThrow();
    await expect(jwtVerify(await tokenOf(credential.id), fresh)).resolves.toBeTruthy();

    // Unpublished: 404 at the same URL; published again: the same URL.
    await setJwksPublished(seed.actor, { id: credential.id, published: false });
    const gone = await fetchJwks(state.path!);
    expect(gone.status).toBe(404);
    expect((await gone.json()).detail).toMatch(/No published key set/);
    const again = await setJwksPublished(seed.actor, { id: credential.id, published: true });
    expect(again.path).toBe(state.path);
    expect((await fetchJwks(state.path!)).status).toBe(200);

    const actions = (
      await db().auditEvent.findMany({
        where: { targetId: credential.id },
        orderBy: { createdAt: "asc" },
        select: { action: true },
      })
    ).map((a) => a.action);
    expect(actions).toEqual([
      "credential.create",
      "credential.jwks_publish",
      "credential.rotate_key_pair",
      "credential.rotate_key_pair",
      "credential.jwks_unpublish",
      "credential.jwks_publish",
    ]);
  });

  it("answers 404 for an unknown or malformed id, and refuses to publish a credential that has no key pair", async () => {
    for (const path of [
      "/.well-known/jwks/jwks_AAAAAAAAAAAAAAAAAAAAAA.json",
      "/.well-known/jwks/nothing.json",
      "/.well-known/jwks/jwks_AAAAAAAAAAAAAAAAAAAAAA",
    ]) {
      const response = await fetchJwks(path);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
    const basic = await createCredential(seed.actor, {
      environmentId: seed.production,
      credential: {
        type: "basic",
        name: "Not a key pair",
        username: "u",
        password: "p-123456",
        allowedDestinations: ["https://example.test"],
      },
    });
    await expect(setJwksPublished(seed.actor, { id: basic.id, published: true })).rejects.toThrow(
      /Only key-pair credentials/,
    );
    await expect(rotateKeyPair(seed.actor, { id: basic.id, overlapSeconds: 0 })).rejects.toThrow(
      /Only key-pair credentials/,
    );
  });

  it("sends credential.secret_expiring once 14 days and once 3 days before the expiry, even with several instances, through the webhooks; the list sorts by the date", async () => {
    const receiver = await startWebhookPeer({ secrets: [] });
    peers.push(receiver);
    const endpoint = await createEndpoint(seed.production, receiver.url, {
      eventTypes: ["credential.secret_expiring"],
    });
    receiver.secrets.push(endpoint.secret);
    const make = (name: string) =>
      createCredential(seed.actor, {
        environmentId: seed.production,
        credential: {
          type: "basic",
          name,
          username: "u",
          password: "p-123456",
          allowedDestinations: ["https://example.test"],
        },
      });
    const salesforce = await make("Salesforce secret");
    const aws = await make("AWS key");
    await make("Never expires");
    const expiry = new Date(Date.now() + 10 * DAY);
    await setSecretExpiry(seed.actor, { id: salesforce.id, secretExpiresOn: dayOf(expiry) });
    await setSecretExpiry(seed.actor, {
      id: aws.id,
      secretExpiresOn: dayOf(new Date(Date.now() + 40 * DAY)),
    });
    const expiresAt = new Date(`${dayOf(expiry)}T00:00:00Z`);

    // 10 days left: the 14-day notice, once across three instances running the job together.
    const counts = await Promise.all([
      emitSecretExpiryNotices(),
      emitSecretExpiryNotices(),
      emitSecretExpiryNotices(),
    ]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await emitSecretExpiryNotices()).toBe(0);
    // 2 days left: the 3-day notice, once.
    const twoDaysBefore = new Date(expiresAt.getTime() - 2 * DAY);
    const late = await Promise.all([
      emitSecretExpiryNotices(twoDaysBefore),
      emitSecretExpiryNotices(twoDaysBefore),
    ]);
    expect(late.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await emitSecretExpiryNotices(twoDaysBefore)).toBe(0);
    // After the expiry nothing more.
    expect(await emitSecretExpiryNotices(new Date(expiresAt.getTime() + DAY))).toBe(0);

    worker = startWebhookWorker({ schedule: [0, 0.3], idlePollMs: 25, maintenanceIntervalMs: 0 });
    await waitFor(
      async () => receiver.received.length,
      (n) => n === 2,
    );
    const payloads = receiver.received.map((r) => JSON.parse(r.body));
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(payloads.map((p) => p.data.daysBefore).sort((a: number, b: number) => a - b)).toEqual([3, 14]);
    for (const payload of payloads)
      expect(payload).toMatchObject({
        type: "credential.secret_expiring",
        data: {
          id: salesforce.id,
          name: "Salesforce secret",
          type: "basic",
          secretExpiresAt: expiresAt.toISOString(),
        },
      });

    // A new date starts its notices afresh.
    await setSecretExpiry(seed.actor, {
      id: salesforce.id,
      secretExpiresOn: dayOf(new Date(Date.now() + 5 * DAY)),
    });
    expect(await emitSecretExpiryNotices()).toBe(1);
    expect(
      (
        await db().auditEvent.findMany({
          where: { targetId: salesforce.id, action: "credential.secret_expiry" },
        })
      ).length,
    ).toBe(2);
    const refused = await setSecretExpiry(seed.actor, { id: aws.id, secretExpiresOn: "2027-02-31" }).catch(
      (error: unknown) => error as { fieldErrors?: Record<string, string> },
    );
    expect(refused).toMatchObject({
      fieldErrors: { secretExpiresOn: expect.stringMatching(/Enter a date like/) },
    });

    // A copy holds the same secret: it expires on the same day.
    const copy = await duplicateCredential(seed.actor, { id: aws.id, name: "Copy of AWS key" });
    expect(copy.secretExpiresAt?.toISOString()).toBe(
      (await db().credential.findUniqueOrThrow({ where: { id: aws.id } })).secretExpiresAt?.toISOString(),
    );
    await db().credential.delete({ where: { id: copy.id } });

    const sorted = await listCredentials(seed.actor, {
      environmentId: seed.production,
      sort: "secret_expiry",
      search: "",
    });
    // Soonest first, then the credentials without a date (by name).
    expect(sorted.items.map((c) => c.name).slice(0, 2)).toEqual(["Salesforce secret", "AWS key"]);
    const rest = sorted.items.slice(2);
    expect(rest.length).toBeGreaterThan(1);
    expect(rest.every((c) => c.secretExpiresAt === null)).toBe(true);
    expect(rest.map((c) => c.name)).toEqual(rest.map((c) => c.name).sort());
    const byName = await listCredentials(seed.actor, { environmentId: seed.production });
    expect(byName.items.map((c) => c.name)).toEqual(byName.items.map((c) => c.name).sort());
    await db().webhookEndpoint.delete({ where: { id: endpoint.id } });
  });

  it("/v1: publish, read, rotate and set the secret expiry with credentials:write; credentials:read only reads; another environment's id is not found", async () => {
    const credential = await keyPair("API signing key");
    const writer = await accessToken(
      running.base,
      await newKey(seed, { name: "jwks writer", permissions: ["credentials:read", "credentials:write"] }),
    );
    const reader = await accessToken(
      running.base,
      await newKey(seed, { name: "jwks reader", permissions: ["credentials:read"] }),
    );
    const base = `/v1/${seed.production}/integration-credentials/${credential.id}`;
    const read = await call(running.base, `${base}/jwks`, { token: reader });
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({
      published: false,
      url: null,
      keys: [{ current: true, until: null }],
    });
    expect(
      (await call(running.base, `${base}/jwks`, { token: reader, method: "POST", body: { published: true } }))
        .status,
    ).toBe(403);

    const published = await call(running.base, `${base}/jwks`, {
      token: writer,
      method: "POST",
      body: { published: true },
    });
    expect(published.status).toBe(200);
    const url = (published.body.data as { url: string }).url;
    expect(url).toMatch(/\/\.well-known\/jwks\/jwks_[A-Za-z0-9_-]{22}\.json$/);
    const path = new URL(url).pathname;
    expect((await fetchJwks(path)).status).toBe(200);

    const rotated = await call(running.base, `${base}/rotate-key-pair`, {
      token: writer,
      method: "POST",
      body: { overlapSeconds: 86_400 },
    });
    expect(rotated.status).toBe(200);
    const { kid, previousKid, overlapUntil } = rotated.body.data as Record<string, string>;
    expect(Date.parse(overlapUntil) - Date.now()).toBeGreaterThan(86_000_000);
    const set = (await (await fetchJwks(path)).json()) as { keys: { kid: string }[] };
    expect(set.keys.map((k) => k.kid)).toEqual([kid, previousKid]);
    const tooLong = await call(running.base, `${base}/rotate-key-pair`, {
      token: writer,
      method: "POST",
      body: { overlapSeconds: 31 * 86_400 },
    });
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body)).toContain("at most 30 days");

    const expiry = await call(running.base, `${base}/secret-expiry`, {
      token: writer,
      method: "POST",
      body: { secretExpiresOn: "2031-05-01" },
    });
    expect(expiry.status).toBe(200);
    expect(expiry.body.data).toEqual({ id: credential.id, secretExpiresAt: "2031-05-01T00:00:00.000Z" });
    const cleared = await call(running.base, `${base}/secret-expiry`, {
      token: writer,
      method: "POST",
      body: { secretExpiresOn: null },
    });
    expect(cleared.body.data).toEqual({ id: credential.id, secretExpiresAt: null });
    const wrongDate = await call(running.base, `${base}/secret-expiry`, {
      token: writer,
      method: "POST",
      body: { secretExpiresOn: "31/05/2031" },
    });
    expect(wrongDate.status).toBe(400);

    // Another environment: the key is refused there (403), and a credential of that environment
    // is not found under this one (404); nothing changed.
    const other = await call(
      running.base,
      `/v1/${seed.staging}/integration-credentials/${credential.id}/jwks`,
      {
        token: writer,
        method: "POST",
        body: { published: false },
      },
    );
    expect(other.status).toBe(403);
    const staging = await createCredential(seed.actor, {
      environmentId: seed.staging,
      credential: {
        type: "basic",
        name: "Staging secret",
        username: "u",
        password: "p-123456",
        allowedDestinations: ["https://example.test"],
      },
    });
    const notHere = await call(
      running.base,
      `/v1/${seed.production}/integration-credentials/${staging.id}/secret-expiry`,
      { token: writer, method: "POST", body: { secretExpiresOn: "2031-05-01" } },
    );
    expect(notHere.status).toBe(404);
    expect(
      (await db().credential.findUniqueOrThrow({ where: { id: staging.id } })).secretExpiresAt,
    ).toBeNull();
    expect((await fetchJwks(path)).status).toBe(200);
  });
});
