// Starts the real public API (buildApi) on 127.0.0.1:0 against the test's fresh database and
// seeds an organisation with two environments. Traffic goes to loopback only.
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { buildApi, type BuildApiOptions } from "@/server/api";
import { db } from "@/lib/db";
import { createApiKey, type ApiKeyWithSecret } from "@/lib/api-keys";
import type { CreateApiKeyInput } from "@/lib/api-keys/schemas";
import type { Actor } from "@/lib/auth/actor";
import type { LegacyRole, Permission } from "@/lib/permissions/registry";
// Not a React hook, despite its name: imported under another so the hooks lint rule stays quiet.
import {
  resetProcessState,
  useFreshDatabase as freshDatabase,
  type DatabaseKind,
} from "@/test-support/test-database";

export const UA = "workbench-integration-tests/1.0";

export type RunningApi = { base: string; api: FastifyInstance };

export async function startApi(options: BuildApiOptions = {}): Promise<RunningApi> {
  const api = await buildApi(options);
  await api.listen({ host: "127.0.0.1", port: 0 });
  const { port } = api.server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, api };
}

/** Limits high enough that a suite's own traffic never meets them (the rate-limit tests set theirs). */
export const HIGH_LIMITS = {
  token: { limit: 100_000, windowMs: 60_000 },
  authFailure: { limit: 100_000, windowMs: 60_000 },
};

/** A fresh database of `kind`, a seeded organisation and the API listening on it. */
export async function startSuite(kind: DatabaseKind): Promise<{ running: RunningApi; seed: Seed }> {
  await freshDatabase(kind);
  const seed = await seedOrganisation();
  return { running: await startApi({ rateLimits: HIGH_LIMITS }), seed };
}

export async function stopSuite(running: RunningApi | undefined): Promise<void> {
  await running?.api.close();
  await resetProcessState();
}

export type Seed = {
  actor: Extract<Actor, { type: "system" }>;
  organisationId: string;
  production: number;
  staging: number;
};

export async function seedOrganisation(name = "Test organisation"): Promise<Seed> {
  const organisation = await db().organisation.create({
    data: { name, environments: { create: [{ name: "production" }, { name: "staging" }] } },
    select: { id: true, environments: { select: { id: true, name: true }, orderBy: { id: "asc" } } },
  });
  const byName = Object.fromEntries(organisation.environments.map((e) => [e.name, e.id]));
  return {
    actor: { type: "system", organisationId: organisation.id, label: "integration tests" },
    organisationId: organisation.id,
    production: byName.production,
    staging: byName.staging,
  };
}

/** An API key's actor in the seed's production environment, for calling the resource modules directly. */
export function keyActor(seed: Seed): Actor {
  return {
    type: "api_key",
    organisationId: seed.organisationId,
    environmentId: seed.production,
    apiKeyId: "key-1",
    label: "writer key",
    ip: "127.0.0.1",
    userAgent: "tests/1.0",
  };
}

type KeyOptions = Partial<Pick<CreateApiKeyInput, "name" | "expiresAt" | "allowlist">> &
  ({ permissions: Permission[] } | { role: LegacyRole });

export async function newKey(
  seed: Seed,
  options: KeyOptions,
  environmentId = seed.production,
): Promise<ApiKeyWithSecret> {
  const common = {
    environmentId,
    name: options.name ?? "test key",
    expiresAt: options.expiresAt,
    allowlist: options.allowlist,
  };
  const input =
    "role" in options
      ? { ...common, kind: "legacy" as const, role: options.role }
      : { ...common, kind: "fine_grained" as const, permissions: options.permissions };
  return createApiKey(seed.actor, input);
}

export type TokenBody = {
  access_token?: string;
  refresh_token?: string;
  token_type?: string;
  expires_in?: number;
  scope?: string;
  error?: string;
  error_description?: string;
};

/** The documented token request: parameters in the query string, Basic credentials, an empty form body. */
export async function requestToken(
  base: string,
  clientId: string,
  secret: string,
): Promise<{ status: number; body: TokenBody; headers: Headers }> {
  const response = await fetch(
    `${base}/oauth2/token?grant_type=client_credentials&client_id=${encodeURIComponent(clientId)}`,
    {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`,
      },
    },
  );
  return { status: response.status, body: (await response.json()) as TokenBody, headers: response.headers };
}

export async function accessToken(base: string, key: ApiKeyWithSecret): Promise<string> {
  const { status, body } = await requestToken(base, key.key.clientId, key.clientSecret);
  if (status !== 200 || !body.access_token)
    throw new Error(`token request failed: ${status} ${JSON.stringify(body)}`);
  return body.access_token;
}

export type ApiResponse = { status: number; body: Record<string, unknown>; headers: Headers };

export async function call(
  base: string,
  path: string,
  init: { token?: string; method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { "user-agent": UA, ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: response.headers,
  };
}

/** Polls `probe` until it returns true or the deadline passes; returns the elapsed milliseconds. */
export async function waitUntil(
  probe: () => Promise<boolean>,
  deadlineMs: number,
  everyMs = 25,
): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < deadlineMs) {
    if (await probe()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`condition not met within ${deadlineMs} ms`);
}
