// The benchmark's servers, started in a child process so the load generator (the parent) does
// not share their event loop: our API (token endpoint, /v1/environments with and without
// authentication), oidc-provider's token endpoint, and a bare node:http baseline. Prints one
// JSON line with the ports and credentials, then serves until killed. Loopback only.
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
    permissions: ["environments:read"],
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

async function main() {
  const [workbench, oidc, baseline] = [
    await startWorkbench(),
    await startOidcProvider(),
    await startBaseline(),
  ];
  process.stdout.write(`${JSON.stringify({ workbench, oidc, baseline })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
