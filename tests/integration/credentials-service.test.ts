import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { Actor } from "@/lib/auth/actor";
import { migrate } from "@/scripts/migrate.mjs";
import { listenOnLoopback, sendJson, type Peer } from "@/test-support/peers/listen";
import {
  startBasicPeer,
  startJwtPeer,
  startOidcPeer,
  startQueryTokenPeer,
  startSigV4Peer,
} from "@/test-support/peers";

// Every peer listens on 127.0.0.1 and the outbound guard is opened for loopback only.
const dir = path.resolve(".tmp", `credentials-it-${process.pid}`);
const keyFile = path.join(dir, "master.key");
process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
process.env.WORKBENCH_ENCRYPTION_KEY_FILE = keyFile;
process.env.WORKBENCH_OUTBOUND_ALLOW = "127.0.0.0/8";
delete process.env.WORKBENCH_ENCRYPTION_KEY;

type Lib = {
  db: typeof import("@/lib/db");
  credentials: typeof import("@/lib/credentials");
  crypto: typeof import("@/lib/crypto");
  record: typeof import("@/lib/credentials/record");
};
let lib: Lib;
let owner: Actor;
let viewer: Actor;
let outsider: Actor;
let environmentId: number;
const peers: Peer[] = [];
let dupPeer: Peer;

beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await migrate(process.env.DATABASE_URL, { quiet: true });
  lib = {
    db: await import("@/lib/db"),
    credentials: await import("@/lib/credentials"),
    crypto: await import("@/lib/crypto"),
    record: await import("@/lib/credentials/record"),
  };
  lib.crypto.resetKeyring();
  const db = lib.db.db();
  const org = await db.organisation.create({ data: { name: "Acme" } });
  const other = await db.organisation.create({ data: { name: "Other" } });
  environmentId = (await db.environment.create({ data: { name: "production", organisationId: org.id } })).id;
  await db.environment.create({ data: { name: "production", organisationId: other.id } });
  const member = {
    type: "member" as const,
    userId: "u1",
    memberId: "m1",
    name: "Owner",
    ip: "127.0.0.1",
    userAgent: "vitest",
  };
  owner = { ...member, organisationId: org.id, role: "owner", label: "owner@acme.test" };
  viewer = { ...member, organisationId: org.id, role: "viewer", label: "viewer@acme.test" };
  outsider = { ...member, organisationId: other.id, role: "owner", label: "owner@other.test" };
});

afterAll(async () => {
  await Promise.all(peers.map((p) => p.close()));
  await lib?.db.closeDb();
  rmSync(dir, { recursive: true, force: true });
});

async function peer<T extends Peer>(started: Promise<T>): Promise<T> {
  const p = await started;
  peers.push(p);
  return p;
}

async function rawRow(id: string) {
  return lib.db.db().credential.findUniqueOrThrow({ where: { id } });
}

async function auditText(): Promise<string> {
  const events = await lib.db.db().auditEvent.findMany();
  return JSON.stringify(events);
}

describe("credentials service against a migrated SQLite database and loopback peers", () => {
  it("OAuth body scheme against oidc-provider: encrypted at rest, never returned, live test works", async () => {
    const idp = await peer(
      startOidcPeer({ clientId: "workbench", clientSecret: "oidc-client-secret-1", scope: "read write" }),
    );
    const created = await lib.credentials.createCredential(owner, {
      environmentId,
      credential: {
        type: "oauth_client_credentials",
        name: "IdP body",
        identityUrl: idp.tokenUrl,
        clientId: "workbench",
        clientSecret: "oidc-client-secret-1",
        scope: "read",
        scheme: "body",
        allowedDestinations: [new URL(idp.tokenUrl).origin],
      },
    });
    const row = await rawRow(created.id);
    expect(row.secrets).not.toContain("oidc-client-secret-1");
    expect(JSON.parse(row.secrets).clientSecret).toMatch(/^v1\./);
    expect(JSON.stringify(created)).not.toContain("oidc-client-secret-1");
    const forEdit = await lib.credentials.getCredentialForEdit(owner, created.id);
    expect(forEdit.values).toMatchObject({ clientSecret: "", identityUrl: idp.tokenUrl });
    expect(forEdit.secretsSet).toEqual({ clientSecret: true });
    expect(JSON.stringify(forEdit)).not.toContain("oidc-client-secret-1");
    const result = await lib.credentials.runCredentialTest(owner, { id: created.id });
    expect(result.summary).toMatch(/^Token issued: Bearer, expires in \d+ s, scope "read"\.$/);
    expect(result.token?.request?.body).toContain("client_secret=[redacted]");
    expect(JSON.stringify(result)).not.toContain("oidc-client-secret-1");
    const after = await rawRow(created.id);
    expect(after).toMatchObject({ lastTestOk: true });
    expect(await auditText()).not.toContain("oidc-client-secret-1");
  });

  it.each(["query", "post_query"] as const)(
    "OAuth %s scheme merges the Identity URL's parameters",
    async (scheme) => {
      const idp = await peer(
        startQueryTokenPeer({
          clientId: "c1",
          clientSecret: "query-secret-1",
          method: scheme === "query" ? "GET" : "POST",
          extra: { tenant: "acme", resource: "api://x" },
        }),
      );
      const api = await peer(
        listenOnLoopback((req, res) =>
          sendJson(res, req.headers.authorization?.startsWith("Bearer ") ? 200 : 401, {}),
        ),
      );
      const created = await lib.credentials.createCredential(owner, {
        environmentId,
        credential: {
          type: "oauth_client_credentials",
          name: `IdP ${scheme}`,
          identityUrl: `${idp.tokenUrl}?tenant=acme&resource=api%3A%2F%2Fx`,
          clientId: "c1",
          clientSecret: "query-secret-1",
          scope: "read",
          scheme,
          allowedDestinations: [new URL(idp.tokenUrl).origin, api.url],
        },
      });
      const result = await lib.credentials.runCredentialTest(owner, { id: created.id, url: `${api.url}/me` });
      expect(result.token?.ok).toBe(true);
      expect(result.response?.status).toBe(200);
      expect(result.token?.request?.url).toContain("client_secret=[redacted]");
      expect(idp.requests[0].query).toMatchObject({
        tenant: "acme",
        resource: "api://x",
        grant_type: "client_credentials",
        scope: "read",
      });
    },
  );

  it("Test before saving: the form's values are tested live and nothing is stored", async () => {
    const api = await peer(startBasicPeer({ username: "bob", password: "unsaved-pass-1" }));
    const credentials = await lib.db.db().credential.count();
    const values = {
      type: "basic" as const,
      name: "Not saved yet",
      username: "bob",
      password: "unsaved-pass-1",
      allowedDestinations: [api.url],
    };
    const passed = await lib.credentials.testUnsavedCredential(owner, {
      environmentId,
      credential: values,
      test: { url: `${api.url}/me` },
    });
    expect(passed).toMatchObject({ ok: true, response: { status: 200 } });
    expect(JSON.stringify(passed)).not.toContain("unsaved-pass-1");
    const wrong = await lib.credentials.testUnsavedCredential(owner, {
      environmentId,
      credential: { ...values, password: "wrong-pass-1" },
      test: { url: `${api.url}/me` },
    });
    expect(wrong).toMatchObject({ ok: false, response: { status: 401 } });
    const outside = await lib.credentials.testUnsavedCredential(owner, {
      environmentId,
      credential: values,
      test: { url: "http://127.0.0.1:9/elsewhere" },
    });
    expect(outside).toMatchObject({ ok: false, error: { kind: "destination" } });
    expect(await lib.db.db().credential.count()).toBe(credentials);
    const audited = await lib.db.db().auditEvent.findMany({
      where: { action: "credential.test", targetLabel: "Not saved yet (not saved)" },
    });
    expect(audited).toHaveLength(3);
    expect(JSON.stringify(audited)).not.toContain("pass-1");
    await expect(
      lib.credentials.testUnsavedCredential(viewer, { environmentId, credential: values }),
    ).rejects.toThrow();
  });

  it("Basic: live test, and an edit that leaves the password empty keeps it", async () => {
    const api = await peer(startBasicPeer({ username: "alice", password: "basic-pass-1" }));
    const created = await lib.credentials.createCredential(owner, {
      environmentId,
      credential: {
        type: "basic",
        name: "Basic",
        username: "alice",
        password: "basic-pass-1",
        allowedDestinations: [api.url],
      },
    });
    expect(
      (await lib.credentials.runCredentialTest(owner, { id: created.id, url: api.url })).response?.status,
    ).toBe(200);
    const renamed = await lib.credentials.updateCredential(owner, {
      id: created.id,
      expectedVersion: 1,
      credential: {
        type: "basic",
        name: "Basic renamed",
        username: "alice",
        password: "",
        allowedDestinations: [api.url],
      },
    });
    expect(renamed.version).toBe(2);
    expect((await lib.credentials.runCredentialTest(owner, { id: created.id, url: api.url })).ok).toBe(true);
    await lib.credentials.updateCredential(owner, {
      id: created.id,
      credential: {
        type: "basic",
        name: "Basic renamed",
        username: "alice",
        password: "wrong-pass",
        allowedDestinations: [api.url],
      },
    });
    const refused = await lib.credentials.runCredentialTest(owner, { id: created.id, url: api.url });
    expect(refused).toMatchObject({ ok: false, response: { status: 401 } });
    // The audit log says how each test ended, and where a failed one stopped.
    const tests = await lib.db.db().auditEvent.findMany({
      where: { action: "credential.test", targetId: created.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    expect(tests.map((e) => JSON.parse(e.details) as Record<string, unknown>)).toEqual([
      { ok: true, status: 200, url: api.url + "/" },
      { ok: true, status: 200, url: api.url + "/" },
      { ok: false, status: 401, url: api.url + "/", errorKind: "response" },
    ]);
    await expect(
      lib.credentials.updateCredential(owner, {
        id: created.id,
        expectedVersion: 1,
        credential: { type: "basic", name: "x", username: "a", password: "", allowedDestinations: [api.url] },
      }),
    ).rejects.toThrow(/Someone else changed/);
  });

  it("Key-pair: a generated key's JWT verifies with the public JWK and PEM the console shows", async () => {
    // The peers listen first (their URLs are the credential's destinations) and trust the key once shown.
    const byJwk = await peer(startJwtPeer({ issuer: "workbench", audience: "peer" }));
    const byPem = await peer(startJwtPeer({}));
    const created = await lib.credentials.createCredential(owner, {
      environmentId,
      credential: {
        type: "key_pair",
        name: "JWT",
        generateKey: true,
        algorithm: "ES256",
        issuer: "workbench",
        subject: "svc",
        audience: "peer",
        customClaims: '{"tenant":"acme"}',
        lifetimeSeconds: 300,
        keyId: "",
        allowedDestinations: [byJwk.url, byPem.url],
      },
    });
    const { publicKey } = await lib.credentials.getCredentialForEdit(owner, created.id);
    expect(publicKey?.pem).toMatch(/BEGIN PUBLIC KEY/);
    await byJwk.trust({ jwk: publicKey!.jwk });
    await byPem.trust({ pem: publicKey!.pem, algorithm: "ES256" });
    for (const api of [byJwk, byPem]) {
      const result = await lib.credentials.runCredentialTest(owner, { id: created.id, url: api.url });
      expect(result.response?.status).toBe(200);
      expect(result.jwt?.claims).toMatchObject({ iss: "workbench", tenant: "acme" });
    }
    expect((await rawRow(created.id)).secrets).not.toContain("PRIVATE KEY");
  });

  it("Key-pair: an empty Key ID follows the current key, also after generating a new key pair", async () => {
    const api = await peer(startJwtPeer({}));
    const values = {
      type: "key_pair" as const,
      name: "JWT kid",
      generateKey: true,
      algorithm: "ES256" as const,
      issuer: "",
      subject: "",
      audience: "",
      customClaims: "",
      lifetimeSeconds: 300,
      keyId: "",
      allowedDestinations: [api.url],
    };
    const created = await lib.credentials.createCredential(owner, { environmentId, credential: values });
    const first = await lib.credentials.getCredentialForEdit(owner, created.id);
    expect(first.values).toMatchObject({ keyId: "" });
    const firstTest = await lib.credentials.runCredentialTest(owner, { id: created.id, url: api.url });
    expect(firstTest.jwt?.header.kid).toBe(first.publicKey?.jwk.kid);
    // A test records its result but is not an edit: "Updated" stays.
    const tested = await rawRow(created.id);
    expect(tested.lastTestedAt).not.toBeNull();
    expect(tested.updatedAt.getTime()).toBe(created.updatedAt.getTime());
    // The edit form's values saved as they are, with "Generate key pair": the new key's kid.
    await lib.credentials.updateCredential(owner, {
      id: created.id,
      expectedVersion: created.version,
      credential: { ...values, ...first.values, generateKey: true, allowedDestinations: [api.url] } as never,
    });
    const second = await lib.credentials.getCredentialForEdit(owner, created.id);
    expect(second.publicKey?.jwk.kid).not.toBe(first.publicKey?.jwk.kid);
    await api.trust({ jwk: second.publicKey!.jwk });
    const secondTest = await lib.credentials.runCredentialTest(owner, { id: created.id, url: api.url });
    expect(secondTest.jwt?.header.kid).toBe(second.publicKey?.jwk.kid);
    expect(secondTest.response?.status).toBe(200);
  });

  it.each([false, true])(
    "AWS SigV4 (sign query: %s) with a session token, verified by aws4",
    async (signQuery) => {
      const keys = {
        accessKeyId: "AKIDEXAMPLE",
        secretAccessKey: "aws-secret-key-1",
        sessionToken: "aws-session-token-1",
      };
      const api = await peer(startSigV4Peer({ ...keys, region: "eu-west-1", service: "sts" }));
      const created = await lib.credentials.createCredential(owner, {
        environmentId,
        credential: {
          type: "aws_signed_request",
          name: `AWS ${signQuery}`,
          ...keys,
          service: "sts",
          region: "eu-west-1",
          signQuery,
          allowedDestinations: [api.url],
        },
      });
      const result = await lib.credentials.runCredentialTest(owner, {
        id: created.id,
        url: `${api.url}/?Action=GetCallerIdentity&Version=2011-06-15`,
      });
      expect(result.response?.status).toBe(200);
      expect(result.signing?.canonicalRequest).toMatch(/^GET\n\/\n/);
      const shown = JSON.stringify(result);
      expect(shown).not.toContain("aws-secret-key-1");
      expect(shown).not.toContain("aws-session-token-1");
    },
  );

  it("custom headers: plain and secret values reach the peer", async () => {
    const api = await peer(
      listenOnLoopback((req, res) =>
        sendJson(
          res,
          req.headers["x-api-key"] === "header-secret-1" && req.headers["x-tenant"] === "acme" ? 200 : 403,
          {},
        ),
      ),
    );
    const created = await lib.credentials.createCredential(owner, {
      environmentId,
      credential: {
        type: "custom_headers",
        name: "Headers",
        headers: [
          { name: "X-Tenant", value: "acme", secret: false },
          { name: "X-Api-Key", value: "header-secret-1", secret: true },
        ],
        allowedDestinations: [api.url],
      },
    });
    const result = await lib.credentials.runCredentialTest(owner, {
      id: created.id,
      url: api.url,
      method: "POST",
      body: '{"ping":true}',
    });
    expect(result.response?.status).toBe(200);
    expect(result.request?.headers["X-Api-Key"]).toBe("[redacted]");
  });

  it("detects tampering and ciphertext moved between records", async () => {
    const a = await lib.credentials.createCredential(owner, {
      environmentId,
      credential: {
        type: "basic",
        name: "Tamper A",
        username: "a",
        password: "tamper-pass-a",
        allowedDestinations: ["http://127.0.0.1:9"],
      },
    });
    const b = await lib.credentials.createCredential(owner, {
      environmentId,
      credential: {
        type: "basic",
        name: "Tamper B",
        username: "b",
        password: "tamper-pass-b",
        allowedDestinations: ["http://127.0.0.1:9"],
      },
    });
    const envelope: string = JSON.parse((await rawRow(a.id)).secrets).password;
    const parts = envelope.split(".");
    parts[3] = `${parts[3].slice(0, -2)}${parts[3].endsWith("AA") ? "BB" : "AA"}`;
    await lib.db.db().credential.update({
      where: { id: a.id },
      data: { secrets: JSON.stringify({ password: parts.join(".") }) },
    });
    const tampered = await lib.credentials.runCredentialTest(owner, { id: a.id, url: "http://127.0.0.1:9/" });
    expect(tampered).toMatchObject({ ok: false, error: { kind: "decryption" } });
    expect(tampered.summary).toMatch(/cannot decrypt credential Tamper A: .*integrity check/);
    await lib.db
      .db()
      .credential.update({ where: { id: b.id }, data: { secrets: JSON.stringify({ password: envelope }) } });
    expect(
      (await lib.credentials.runCredentialTest(owner, { id: b.id, url: "http://127.0.0.1:9/" })).summary,
    ).toMatch(/copied from another record/);
  });

  it("duplicates with secrets re-encrypted for the new record", async () => {
    const api = await peer(startBasicPeer({ username: "dup", password: "dup-pass-1" }));
    dupPeer = api;
    const original = await lib.credentials.createCredential(owner, {
      environmentId,
      credential: {
        type: "basic",
        name: "Dup",
        username: "dup",
        password: "dup-pass-1",
        allowedDestinations: [api.url],
      },
    });
    const copy = await lib.credentials.duplicateCredential(owner, { id: original.id });
    expect(copy.name).toBe("Copy of Dup");
    expect((await lib.credentials.duplicateCredential(owner, { id: original.id })).name).toBe(
      "Copy of Dup (2)",
    );
    expect((await rawRow(copy.id)).secrets).not.toBe((await rawRow(original.id)).secrets);
    expect(
      (await lib.credentials.runCredentialTest(owner, { id: copy.id, url: api.url })).response?.status,
    ).toBe(200);
  });

  it("enforces organisation, role and name rules", async () => {
    const some = (await lib.credentials.listCredentials(owner, { environmentId })).items[0];
    await expect(lib.credentials.getCredentialForEdit(outsider, some.id)).rejects.toThrow(
      "Credential not found.",
    );
    await expect(lib.credentials.listCredentials(outsider, { environmentId })).rejects.toThrow(
      "Environment not found.",
    );
    await expect(lib.credentials.deleteCredential(viewer, { id: some.id })).rejects.toThrow(/Viewer/);
    await expect(
      lib.credentials.createCredential(owner, {
        environmentId,
        credential: {
          type: "basic",
          name: some.name,
          username: "u",
          password: "p",
          allowedDestinations: ["http://127.0.0.1:9"],
        },
      }),
    ).rejects.toThrow(/already exists/);
  });

  it("lists with search, type filter and pagination", async () => {
    const basics = await lib.credentials.listCredentials(viewer, {
      environmentId,
      type: "basic",
      pageSize: 2,
      page: 1,
    });
    expect(basics.items).toHaveLength(2);
    expect(basics.total).toBeGreaterThanOrEqual(4);
    expect(basics.items.every((c) => c.type === "basic" && c.typeLabel === "Basic auth")).toBe(true);
    const found = await lib.credentials.listCredentials(viewer, { environmentId, search: "IdP" });
    expect(found.items.map((c) => c.name)).toEqual(["IdP body", "IdP post_query", "IdP query"]);
    expect(JSON.stringify(found)).not.toMatch(/secrets|v1\./);
  });

  it("keeps instance secrets (token signing key, session secret) under the master key", async () => {
    const value = await lib.crypto.sharedSecret("test.instance_secret");
    const stored = async (key: string) =>
      (await lib.db.db().setting.findUniqueOrThrow({ where: { key }, select: { value: true } })).value;
    expect(await stored("test.instance_secret")).not.toContain(value);
    expect(lib.crypto.envelopeKeyId(await stored("test.instance_secret"))).toBe(
      lib.crypto.keyring().active.kid,
    );
    expect(await lib.crypto.sharedSecret("test.instance_secret")).toBe(value);
    // A value an earlier version stored in plain text keeps working and is encrypted in place.
    await lib.db.db().setting.create({ data: { key: "test.legacy_secret", value: "plain-legacy-value" } });
    expect(await lib.crypto.sharedSecret("test.legacy_secret")).toBe("plain-legacy-value");
    expect(await stored("test.legacy_secret")).not.toContain("plain-legacy-value");
    expect(await lib.crypto.sharedSecret("test.legacy_secret")).toBe("plain-legacy-value");
  });

  it("rotates the master key: every credential stays resolvable, the key file ends with one key", async () => {
    const before = lib.crypto.keyring().active.kid;
    const instanceSecret = await lib.crypto.sharedSecret("test.instance_secret");
    const keyLines = () =>
      readFileSync(keyFile, "utf8")
        .split("\n")
        .filter((l) => l && !l.startsWith("#"));
    // A damaged secret stops the rotation, and the key file keeps both keys: nothing is lost.
    await expect(lib.crypto.rotateMasterKey()).rejects.toThrow(/cannot decrypt credential Tamper/);
    expect(keyLines()).toHaveLength(2);
    await lib.db.db().credential.deleteMany({ where: { name: { startsWith: "Tamper" } } });
    // The interrupted pass re-encrypted the rows before the damaged one (in id order); the rest
    // are still under the old key and are exactly what the next run must finish.
    const underOldKey = (await lib.db.db().credential.findMany({ select: { secrets: true } })).filter((row) =>
      Object.values(JSON.parse(row.secrets) as Record<string, string>).some(
        (envelope) => lib.crypto.envelopeKeyId(envelope) === before,
      ),
    ).length;
    const report = await lib.crypto.rotateMasterKey(); // finishes the interrupted rotation
    expect(report.activeKeyId).not.toBe(before);
    expect(report.retiredKeyIds).toEqual([before]);
    expect(keyLines()).toHaveLength(1);
    const readable = await lib.db.db().credential.findMany({
      select: { id: true, name: true, type: true, version: true, config: true, secrets: true },
    });
    expect(report.credentials.total).toBe(readable.length);
    expect(report.credentials.reencrypted).toBe(underOldKey);
    for (const row of readable) {
      expect(() => lib.record.materialFromRow(row)).not.toThrow();
      for (const envelope of Object.values(JSON.parse(row.secrets) as Record<string, string>))
        expect(lib.crypto.envelopeKeyId(envelope)).toBe(report.activeKeyId);
    }
    // The instance secrets moved to the new key too, and kept their values.
    expect(report.settings).toEqual({ total: 2, reencrypted: 2 });
    const settings = await lib.db.db().setting.findMany({ where: { key: { startsWith: "test." } } });
    for (const row of settings) expect(lib.crypto.envelopeKeyId(row.value)).toBe(report.activeKeyId);
    expect(await lib.crypto.sharedSecret("test.instance_secret")).toBe(instanceSecret);
    const basic = readable.find((r) => r.name === "Copy of Dup");
    // The copy keeps the original's destinations: the peer it was made for.
    expect(
      (await lib.credentials.runCredentialTest(owner, { id: basic!.id, url: dupPeer.url })).response?.status,
    ).toBe(200);
  });

  it("deletes and audits without secrets", async () => {
    const created = await lib.credentials.createCredential(owner, {
      environmentId,
      credential: {
        type: "basic",
        name: "To delete",
        username: "x",
        password: "delete-pass-1",
        allowedDestinations: ["http://127.0.0.1:9"],
      },
    });
    await lib.credentials.deleteCredential(owner, { id: created.id });
    expect(await lib.db.db().credential.findUnique({ where: { id: created.id } })).toBeNull();
    const audit = await auditText();
    expect(audit).toContain("credential.delete");
    for (const secret of [
      "delete-pass-1",
      "dup-pass-1",
      "basic-pass-1",
      "aws-secret-key-1",
      "header-secret-1",
      "query-secret-1",
    ])
      expect(audit).not.toContain(secret);
  });
});
