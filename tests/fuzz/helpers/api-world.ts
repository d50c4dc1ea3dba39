// The fuzzed public API: the real Fastify API on loopback against a fresh SQLite database, an
// organisation with two environments and a second organisation, keys of every kind and role,
// credentials holding known secrets, and the write counters. Every secret is registered.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { db } from "@/lib/db";
import { createCredential, generateKeyPair } from "@/lib/credentials";
import { revokeApiKey, type ApiKeyWithSecret } from "@/lib/api-keys";
import { PERMISSION_NAMES, type LegacyRole, type Permission } from "@/lib/permissions/registry";
import {
  startSuite,
  newKey,
  seedOrganisation,
  requestToken,
  type RunningApi,
  type Seed,
} from "../../integration/helpers/api";
import type { DatabaseKind } from "@/test-support/test-database";
import { addServerSecrets, Secrets } from "./secrets";
import { installWriteCounters } from "./writes";

export type Caller = { label: string; key: ApiKeyWithSecret; access?: string; refresh?: string };

export type ApiWorld = {
  running: RunningApi;
  /** A loopback peer that answers 200 to anything: where the seeded credentials may be sent. */
  peer: string;
  seed: Seed;
  other: Seed;
  secrets: Secrets;
  /** Keys that can get tokens (active), by label. */
  callers: Caller[];
  /** Keys that cannot: revoked and expired (their client IDs and secrets are still worth sending). */
  dead: Caller[];
  /** Legacy workbench/events keys the auth key may rotate or delete (never a caller's own key). */
  victims: ApiKeyWithSecret[];
};

const CREDENTIAL_SECRET = "fuzz-credential-secret-";

export async function startApiWorld(kind: DatabaseKind = "sqlite"): Promise<ApiWorld> {
  // Send Request may reach the loopback peer below and nothing else (the run is confined to
  // loopback anyway).
  process.env.WORKBENCH_OUTBOUND_ALLOW = "127.0.0.1";
  const peerServer = http.createServer((_req, res) => res.end("ok"));
  await new Promise<void>((resolve) => peerServer.listen(0, "127.0.0.1", resolve));
  peerServer.unref();
  const peer = `http://127.0.0.1:${(peerServer.address() as AddressInfo).port}`;
  const { running, seed } = await startSuite(kind);
  const other = await seedOrganisation("Other organisation");
  const secrets = new Secrets();
  const callers: Caller[] = [];
  const add = async (label: string, options: Parameters<typeof newKey>[1], environmentId?: number) => {
    const key = await newKey(seed, { name: label, ...options }, environmentId);
    secrets.add(`client secret of ${label}`, key.clientSecret);
    return { label, key };
  };
  for (const role of ["auth", "workbench", "events"] as LegacyRole[])
    callers.push(await add(`legacy ${role}`, { role }));
  callers.push(await add("all permissions", { permissions: [...PERMISSION_NAMES] }));
  for (const permission of PERMISSION_NAMES)
    callers.push(await add(`only ${permission}`, { permissions: [permission as Permission] }));
  callers.push(await add("staging events", { role: "events" }, seed.staging));
  callers.push(await add("allowlisted elsewhere", { role: "events", allowlist: ["192.0.2.0/24"] }));
  const otherKey = await newKey(other, { name: "other org", role: "events" });
  secrets.add("client secret of the other organisation's key", otherKey.clientSecret);
  callers.push({ label: "other organisation", key: otherKey });

  const revoked = await add("revoked", { role: "events" });
  const expiring = await add("expiring", { role: "events", expiresAt: new Date(Date.now() + 1500) });
  const victims: ApiKeyWithSecret[] = [];
  for (const role of ["workbench", "events", "workbench", "events"] as LegacyRole[]) {
    const victim = await add(`victim ${role}`, { role });
    victims.push(victim.key);
  }

  // Credentials holding secrets, in both organisations.
  const owner = { ...seed.actor, type: "system" as const };
  await createCredential(owner, {
    environmentId: seed.production,
    credential: {
      type: "basic",
      name: "basic",
      username: "fuzz",
      password: `${CREDENTIAL_SECRET}basic-1`,
      allowedDestinations: [peer],
    },
  });
  // A key-pair credential: its JWKS can be published and its key pair rotated through /v1.
  const keyPair = generateKeyPair("ES256");
  secrets.add("private key of the key-pair credential", keyPair.privateKeyPem.split("\n")[1]);
  await createCredential(owner, {
    environmentId: seed.production,
    credential: {
      type: "key_pair",
      name: "keypair",
      privateKeyPem: keyPair.privateKeyPem,
      algorithm: "ES256",
      issuer: "fuzz",
      subject: "",
      audience: "",
      customClaims: "",
      lifetimeSeconds: 300,
      keyId: "",
      allowedDestinations: [peer],
    },
  });
  await createCredential(owner, {
    environmentId: seed.production,
    credential: {
      type: "custom_headers",
      name: "headers",
      headers: [{ name: "X-Api-Key", value: `${CREDENTIAL_SECRET}header-2`, secret: true }],
      allowedDestinations: [peer],
    },
  });
  await createCredential(
    { ...other.actor },
    {
      environmentId: other.production,
      credential: {
        type: "basic",
        name: "other",
        username: "fuzz",
        password: `${CREDENTIAL_SECRET}other-3`,
        allowedDestinations: [peer],
      },
    },
  );
  for (const n of ["basic-1", "header-2", "other-3"])
    secrets.add(`credential secret ${n}`, `${CREDENTIAL_SECRET}${n}`);

  // Tokens for every active caller (this also creates the signing key before counting writes).
  for (const caller of callers) {
    const { status, body } = await requestToken(
      running.base,
      caller.key.key.clientId,
      caller.key.clientSecret,
    );
    if (status === 200) {
      caller.access = body.access_token;
      caller.refresh = body.refresh_token;
    }
  }
  await revokeApiKey(seed.actor, { id: revoked.key.key.id });
  await new Promise((resolve) => setTimeout(resolve, 1600)); // the expiring key has expired
  await addServerSecrets(secrets);
  for (const row of await db().apiKey.findMany({ select: { name: true, secretHash: true } }))
    secrets.add(`secret hash of ${row.name}`, row.secretHash);
  for (const row of await db().credential.findMany({ select: { name: true, secrets: true } }))
    secrets.add(`stored secrets of credential ${row.name}`, row.secrets);
  await installWriteCounters();
  return { running, peer, seed, other, secrets, callers, dead: [revoked, expiring], victims };
}
