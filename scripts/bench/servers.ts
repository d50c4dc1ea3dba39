// The benchmark's servers, started in a child process so the load generator (the parent) does
// not share their event loop: our API (token endpoint, /v1 reads and writes, /v1/environments
// without authentication) over 10,000 cards, oidc-provider's token endpoint, a bare node:http
// baseline and the bare-Fastify prepared-statement ceiling of the reads. Prints one JSON line
// with the ports and credentials, then serves until killed. Loopback only.
// bench-api.ts bundles this file the way the production server is bundled and runs it with
// plain node, on the migrated database it names in DATABASE_URL.
import http from "node:http";
import type { AddressInfo } from "node:net";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
type ProviderClass = new (issuer: string, config: Record<string, unknown>) => { callback(): Handler };

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
  );
}

const CARD_COUNT = Number(process.env.BENCH_CARDS ?? 10_000);

async function seedCustomers(environmentId: number, count: number): Promise<string[]> {
  const { db } = await import("../../lib/db");
  const rows = Array.from({ length: count }, (_, i) => ({
    environmentId,
    externalId: `bench-customer-${i}`,
    name: `Customer ${i}`,
    email: `customer${i}@bench.example`,
  }));
  await db().customer.createMany({ data: rows });
  const created = await db().customer.findMany({ where: { environmentId }, select: { id: true } });
  return created.map((c) => c.id);
}

async function seedCards(environmentId: number, customers: string[], count: number): Promise<void> {
  const { db } = await import("../../lib/db");
  const start = Date.now() - count * 1000;
  for (let offset = 0; offset < count; offset += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - offset) }, (_, j) => {
      const i = offset + j;
      return {
        environmentId,
        title: `Card ${i}`,
        body: i % 3 === 0 ? null : `Body of card ${i}`,
        customerId: customers[i % customers.length],
        createdAt: new Date(start + i * 1000),
      };
    });
    await db().card.createMany({ data: rows });
  }
}

async function startWorkbench() {
  const { db } = await import("../../lib/db");
  const { createApiKey } = await import("../../lib/api-keys");
  const { listApiEnvironments } = await import("../../lib/api-resources/environments");
  const { buildApi } = await import("../../server/api");
  const org = await db().organisation.create({
    data: { name: "Bench", environments: { create: [{ name: "production" }] } },
    select: { id: true, environments: { select: { id: true } } },
  });
  const actor = { type: "system" as const, organisationId: org.id, label: "bench" };
  const environmentId = org.environments[0].id;
  const created = await createApiKey(actor, {
    environmentId,
    name: "bench",
    kind: "fine_grained",
    permissions: [
      "environments:read",
      "cards:read",
      "cards:write",
      "customers:read",
      "customers:write",
      "events:write",
    ],
  });
  // 10,000 cards (and the customers they name) in the key's environment, so a page of 20
  // is read from a table of realistic size.
  const customers = await seedCustomers(environmentId, 100);
  await seedCards(environmentId, customers, CARD_COUNT);
  // A webhook endpoint subscribed to what the writes emit, paused (nothing is delivered during
  // the run): each write also queues its webhook messages, as in an environment with webhooks.
  await db().webhookEndpoint.create({
    data: {
      id: "we_bench",
      environmentId,
      name: "bench",
      url: "http://127.0.0.1:9/bench",
      eventTypes: JSON.stringify(["card.created", "customer.created", "event.received"]),
      status: "paused",
      secret: "never opened: the endpoint stays paused",
      createdByLabel: "bench",
      updatedByLabel: "bench",
    },
  });
  // The benchmark hammers one client: lift the per-client limit so 429s do not flatter us.
  const api = await buildApi({
    rateLimits: { token: { limit: 1e9, windowMs: 60_000 }, authFailure: { limit: 1e9, windowMs: 60_000 } },
  });
  const keyActor = {
    type: "api_key" as const,
    organisationId: org.id,
    environmentId,
    apiKeyId: created.key.id,
    label: "bench",
    ip: null,
    userAgent: null,
  };
  // The unauthenticated twin of GET /v1/environments: same handler and query, no token check.
  api.get("/bench/environments", async () => ({ environments: await listApiEnvironments(keyActor) }));
  await api.listen({ host: "127.0.0.1", port: 0 });
  return {
    port: (api.server.address() as AddressInfo).port,
    clientId: created.key.clientId,
    clientSecret: created.clientSecret,
    environmentId,
    customerId: customers[0],
  };
}

async function startOidcProvider() {
  const specifier = "oidc-provider"; // untyped package: import by name, typed locally
  const { default: Provider } = (await import(specifier)) as { default: ProviderClass };
  const server = http.createServer();
  const port = await listen(server);
  const provider = new Provider(`http://127.0.0.1:${port}`, {
    clients: [
      {
        client_id: "bench-client",
        client_secret: "bench-client-secret-0123456789abcdef",
        grant_types: ["client_credentials"],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    features: { clientCredentials: { enabled: true }, devInteractions: { enabled: false } },
  });
  server.on("request", provider.callback());
  return { port, clientId: "bench-client", clientSecret: "bench-client-secret-0123456789abcdef" };
}

async function startBaseline() {
  const body = JSON.stringify({ access_token: "x".repeat(100), token_type: "Bearer", expires_in: 3600 });
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(body));
  });
  return { port: await listen(server) };
}

/**
 * The practical ceiling of a read: a bare Fastify route of the same shape (the environment and
 * the customer read from the path, as the /v1 route reads them), no authentication, no
 * validation, no ORM, the same query as the /v1 route through a prepared statement of
 * better-sqlite3 on its own connection to the same database, and the same JSON.
 */
async function startCeiling(environmentId: number) {
  const { default: Fastify } = await import("fastify");
  const { default: Database } = await import("better-sqlite3");
  const connection = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""), { readonly: true });
  const iso = (text: string) => new Date(text).toISOString();
  const environments = connection.prepare(
    `SELECT e."id", e."name", e."createdAt", o."name" AS "organisationName" FROM "environment" e ` +
      `JOIN "organisation" o ON o."id" = e."organisationId" WHERE e."organisationId" = ? AND e."id" = ? ORDER BY e."id"`,
  );
  // The cards page is the route's own statement, which has the database write each row's JSON.
  const { cards: cardResource } = await import("../../lib/api-resources/cards");
  const { jsonPage } = await import("../../lib/db/prepared");
  const cards = connection.prepare(cardResource.prepared.listQuery([], false, "json").sqlite);
  const customer = connection.prepare(
    `SELECT "id", "externalId", "name", "email", "createdAt" FROM "customer" WHERE "id" = ? AND "environmentId" = ? LIMIT 1`,
  );
  const organisationId = (
    connection.prepare(`SELECT "organisationId" FROM "environment" WHERE "id" = ?`).get(environmentId) as {
      organisationId: string;
    }
  ).organisationId;
  // Rows to JSON the way a hand-written route would: an object literal per row, no spread (a
  // spread copy per row cost the ceiling's cards page a third of its time in a microbenchmark).
  type EnvironmentRow = { id: number; name: string; createdAt: string; organisationName: string };
  type CustomerRow = {
    id: string;
    externalId: string;
    name: string | null;
    email: string | null;
    createdAt: string;
  };
  const api = Fastify();
  api.get("/ceiling/environments", async () => ({
    environments: (environments.all(organisationId, environmentId) as EnvironmentRow[]).map((r) => ({
      id: r.id,
      name: r.name,
      created: iso(r.createdAt),
      organisationName: r.organisationName,
    })),
  }));
  type Params = { environmentId: string; customerId: string };
  api.get<{ Params: Params }>("/ceiling/:environmentId/cards", async (request, reply) => {
    void reply.type("application/json; charset=utf-8");
    const rows = cards.all(Number(request.params.environmentId), 21) as { id: string; json: string }[];
    return jsonPage(rows, 20);
  });
  api.get<{ Params: Params }>("/ceiling/:environmentId/customers/:customerId", async (request) => {
    const { environmentId: env, customerId } = request.params;
    const r = customer.get(customerId, Number(env)) as CustomerRow;
    return {
      data: { id: r.id, externalId: r.externalId, name: r.name, email: r.email, created: iso(r.createdAt) },
    };
  });
  await api.listen({ host: "127.0.0.1", port: 0 });
  return { port: (api.server.address() as AddressInfo).port };
}

async function main() {
  const workbench = await startWorkbench();
  // BENCH_SERVERS=workbench: only our API (the PostgreSQL run of the write benchmark).
  if (process.env.BENCH_SERVERS === "workbench") {
    process.stdout.write(`${JSON.stringify({ workbench })}\n`);
    return;
  }
  const [oidc, baseline, ceiling] = [
    await startOidcProvider(),
    await startBaseline(),
    await startCeiling(workbench.environmentId),
  ];
  process.stdout.write(`${JSON.stringify({ workbench, oidc, baseline, ceiling })}\n`);
}

// A normal exit on SIGTERM, so `node --cpu-prof` writes its profile (BENCH_PROFILE=1).
process.once("SIGTERM", () => process.exit(0));

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
