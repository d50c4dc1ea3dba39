import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { resetKeyring } from "@/lib/crypto";
import {
  createCredential,
  deleteCredential,
  duplicateCredential,
  getCredentialForEdit,
  listCredentials,
  runCredentialTest,
  updateCredential,
} from "@/lib/credentials";
import type { Actor } from "@/lib/auth/actor";
import { startBasicPeer } from "@/test-support/peers";
import type { Peer } from "@/test-support/peers/listen";
import { resetProcessState, stopPostgres, useFreshDatabase } from "@/test-support/test-database";

// The credentials service on the scale path: PostgreSQL, with the master key from the
// environment as every instance of a PostgreSQL deployment must have it.
describe("credentials on PostgreSQL", () => {
  let owner: Actor;
  let environmentId: number;
  let api: Peer;

  beforeAll(async () => {
    await useFreshDatabase("postgres");
    process.env.WORKBENCH_ENCRYPTION_KEY = randomBytes(32).toString("base64");
    process.env.WORKBENCH_OUTBOUND_ALLOW = "127.0.0.0/8";
    resetKeyring();
    const org = await db().organisation.create({
      data: { name: "Acme", environments: { create: [{ name: "production" }] } },
      select: { id: true, environments: { select: { id: true } } },
    });
    environmentId = org.environments[0].id;
    owner = {
      type: "member",
      organisationId: org.id,
      userId: "u1",
      memberId: "m1",
      role: "owner",
      label: "owner@acme.test",
      name: "Owner",
      ip: "127.0.0.1",
      userAgent: "vitest",
    };
    api = await startBasicPeer({ username: "pg-user", password: "pg-pass-123" });
  });

  afterAll(async () => {
    await api?.close();
    delete process.env.WORKBENCH_ENCRYPTION_KEY;
    resetKeyring();
    await resetProcessState();
    stopPostgres();
  });

  it("stores the secret encrypted, never returns it, and the live test authenticates", async () => {
    const created = await createCredential(owner, {
      environmentId,
      credential: {
        type: "basic",
        name: "Billing API",
        username: "pg-user",
        password: "pg-pass-123",
        allowedDestinations: [api.url],
      },
    });
    const row = await db().credential.findUniqueOrThrow({
      where: { id: created.id },
      select: { secrets: true, config: true },
    });
    expect(row.secrets).not.toContain("pg-pass-123");
    expect(row.config).not.toContain("pg-pass-123");
    expect(JSON.stringify(await getCredentialForEdit(owner, created.id))).not.toContain("pg-pass-123");
    const result = await runCredentialTest(owner, { id: created.id, url: api.url });
    expect(result.response?.status).toBe(200);
  });

  it("edits keep an untouched secret, duplicates re-encrypt it, and delete removes the row", async () => {
    const [first] = (await listCredentials(owner, { environmentId })).items;
    await updateCredential(owner, {
      id: first.id,
      credential: {
        type: "basic",
        name: "Billing API v2",
        username: "pg-user",
        password: "",
        allowedDestinations: [api.url],
      },
    });
    expect((await runCredentialTest(owner, { id: first.id, url: api.url })).response?.status).toBe(200);
    const copy = await duplicateCredential(owner, { id: first.id });
    expect((await runCredentialTest(owner, { id: copy.id, url: api.url })).response?.status).toBe(200);
    await deleteCredential(owner, { id: copy.id });
    expect(await db().credential.count({ where: { id: copy.id } })).toBe(0);
  });

  it("searches names without regard to case, as on SQLite", async () => {
    const found = await listCredentials(owner, { environmentId, search: "billing" });
    expect(found.items.map((c) => c.name)).toEqual(["Billing API v2"]);
  });
});
