import { parseArgs } from "node:util";
import {
  createApiKey,
  findOwnedKey,
  listApiKeys,
  revokeApiKey,
  rotateApiKey,
  type ApiKeyView,
} from "../../lib/api-keys";
import {
  ROTATION_GRACE_OPTIONS,
  type CreateApiKeyInput,
  type RotationGrace,
} from "../../lib/api-keys/schemas";
import { accessSummary, isLegacyRole } from "../../lib/permissions/registry";
import { cliActor, csv, organisationOfClient, resolveEnvironment, resolveOrganisation } from "./context";
import { UsageError, type CliGroup } from "./types";

function printSecret(verb: string, key: ApiKeyView, clientSecret: string, json: boolean): void {
  if (json) {
    console.log(
      JSON.stringify({
        id: key.id,
        clientId: key.clientId,
        clientSecret,
        kind: key.kind,
        permissions: key.permissions,
        role: key.role,
      }),
    );
    return;
  }
  console.log(`${verb} API key "${key.name}" (${accessSummary(key)})`);
  console.log(`  client ID:     ${key.clientId}`);
  console.log(`  client secret: ${clientSecret}`);
  console.log("The secret is shown once: store it now.");
}

async function create(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      env: { type: "string" },
      name: { type: "string" },
      permissions: { type: "string" },
      role: { type: "string" },
      expires: { type: "string" },
      allowlist: { type: "string" },
      org: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  if (!values.name) throw new UsageError("--name is required");
  if (!values.permissions === !values.role)
    throw new UsageError("Pass either --permissions a:read,b:write or --role auth|workbench|events");
  if (values.role && !isLegacyRole(values.role))
    throw new UsageError("--role must be auth, workbench or events");
  const org = await resolveOrganisation(values.org);
  const environment = await resolveEnvironment(org.id, values.env);
  const common = {
    environmentId: environment.id,
    name: values.name,
    expiresAt: values.expires ? new Date(values.expires) : undefined,
    allowlist: csv(values.allowlist),
  };
  const input = (
    values.role
      ? { ...common, kind: "legacy", role: values.role }
      : { ...common, kind: "fine_grained", permissions: csv(values.permissions) }
  ) as CreateApiKeyInput; // validated by the service
  const created = await createApiKey(cliActor(org.id), input);
  printSecret("Created", created.key, created.clientSecret, values.json ?? false);
}

async function list(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      env: { type: "string" },
      org: { type: "string" },
      search: { type: "string" },
      page: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const org = await resolveOrganisation(values.org);
  const environment = await resolveEnvironment(org.id, values.env);
  const page = await listApiKeys(cliActor(org.id), {
    environmentId: environment.id,
    search: values.search,
    page: Number(values.page ?? 1),
    pageSize: 100,
  });
  if (values.json) {
    console.log(JSON.stringify(page));
    return;
  }
  if (!page.items.length)
    console.log(`No API keys in ${environment.name}${values.search ? ` matching "${values.search}"` : ""}.`);
  for (const key of page.items) {
    const lastUsed = key.lastUsedAt
      ? `last used ${key.lastUsedAt.toISOString()} from ${key.lastUsedIp ?? "?"}`
      : "never used";
    console.log(
      `${key.clientId}  ${key.name.padEnd(24)} ${key.status.padEnd(8)} ${accessSummary(key)}  (…${key.secretHint}, ${lastUsed})`,
    );
  }
  if (page.total > page.items.length)
    console.log(`${page.items.length} of ${page.total} shown; use --page or --search.`);
}

async function rotate(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { grace: { type: "string", default: "none" }, json: { type: "boolean", default: false } },
  });
  const clientId = positionals[0];
  if (!clientId) throw new UsageError("Which key? api-keys rotate <clientId>");
  if (!(ROTATION_GRACE_OPTIONS as string[]).includes(values.grace ?? "none"))
    throw new UsageError(`--grace must be one of ${ROTATION_GRACE_OPTIONS.join(", ")}`);
  const actor = cliActor(await organisationOfClient(clientId));
  const key = await findOwnedKey(actor, { clientId });
  const rotated = await rotateApiKey(actor, { id: key.id, grace: values.grace as RotationGrace });
  printSecret("Rotated", rotated.key, rotated.clientSecret, values.json ?? false);
  if (!values.json && values.grace !== "none")
    console.log(`The previous secret keeps working for ${values.grace}.`);
}

async function revoke(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const clientId = positionals[0];
  if (!clientId) throw new UsageError("Which key? api-keys revoke <clientId>");
  const actor = cliActor(await organisationOfClient(clientId));
  const key = await revokeApiKey(actor, { id: (await findOwnedKey(actor, { clientId })).id });
  console.log(`Revoked API key "${key.name}" (${key.clientId}); its tokens are refused from now on.`);
}

export const apiKeyCommands: CliGroup = {
  create: {
    usage:
      "api-keys create --env <name> --name <name> (--permissions a:read,b:write | --role auth|workbench|events) [--expires <ISO date>] [--allowlist <ip,cidr>] [--org <id|name>] [--json]",
    summary: "Create an API key and print its secret once",
    run: create,
  },
  list: {
    usage: "api-keys list --env <name> [--search <text>] [--page <n>] [--org <id|name>] [--json]",
    summary: "List an environment's API keys",
    run: list,
  },
  rotate: {
    usage: "api-keys rotate <clientId> [--grace none|1h|24h|7d] [--json]",
    summary: "Issue a new secret (the old one dies at once unless --grace)",
    run: rotate,
  },
  revoke: {
    usage: "api-keys revoke <clientId>",
    summary: "Revoke a key: it and its tokens stop working",
    run: revoke,
  },
};
