import type { Metadata } from "next";
import { ExternalLink } from "@/components/ui/icons/external-link";
import {
  API_OPERATIONS,
  LEGACY_ROLE_DESCRIPTIONS,
  LEGACY_ROLES,
  PERMISSION_NAMES,
  PERMISSIONS,
  legacyRolesFor,
  type ApiOperation,
} from "@/lib/permissions/registry";
import { publicBaseUrl } from "@/lib/auth/config";
import { PageHeader } from "@/components/shell/page-header";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { currentMember } from "@/app/_lib/session";
import { MethodBadge } from "./_components/method-badge";
import { WebhookEvents } from "./_components/webhook-events";

export const metadata: Metadata = { title: "API reference" };

function byTag(): [string, ApiOperation[]][] {
  const groups = new Map<string, ApiOperation[]>();
  for (const operation of Object.values(API_OPERATIONS) as ApiOperation[]) {
    groups.set(operation.tag, [...(groups.get(operation.tag) ?? []), operation]);
  }
  return [...groups.entries()];
}

const slug = (tag: string) => tag.toLowerCase().replace(/[^a-z0-9]+/g, "-");

export default async function ApiReferencePage() {
  await currentMember();
  const base = publicBaseUrl();
  const groups = byTag();
  return (
    <>
      <PageHeader
        title="API reference"
        description="The public API's operations and the permission each one requires. Generated from the same permission registry the API checks on every request."
        actions={
          <a
            href="/v1/openapi.json"
            className="inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-4 text-sm font-medium text-slate-800 hover:bg-slate-100"
          >
            OpenAPI document <ExternalLink className="size-4" aria-hidden />
          </a>
        }
      />
      <Card className="mb-6 p-5 text-sm" aria-labelledby="auth-heading">
        <h2 id="auth-heading" className="text-base font-semibold">
          Authentication
        </h2>
        <p className="mt-2 text-slate-700">
          Exchange an API key&apos;s client ID and secret for an access token with the OAuth 2
          client-credentials grant, then send it as{" "}
          <code className="font-mono">Authorization: Bearer &lt;token&gt;</code> with a{" "}
          <code className="font-mono">User-Agent</code> header. Access tokens live 1 hour and refresh tokens
          30 days; cache the token — the token endpoint answers 429 when asked too often.
        </p>
        <dl className="mt-3 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium text-slate-600">Token URL</dt>
          <dd className="font-mono text-xs leading-5 break-all">POST {base}/oauth2/token</dd>
          <dt className="font-medium text-slate-600">API base URL</dt>
          <dd className="font-mono text-xs leading-5 break-all">{base}</dd>
        </dl>
      </Card>

      <nav aria-label="Resources" className="mb-4 flex flex-wrap gap-2 text-sm">
        {groups.map(([tag]) => (
          <a
            key={tag}
            href={`#${slug(tag)}`}
            className="rounded-full bg-white px-3 py-1 text-brand-700 ring-1 ring-slate-200 hover:bg-brand-50"
          >
            {tag}
          </a>
        ))}
        <a
          href="#permissions"
          className="rounded-full bg-white px-3 py-1 text-brand-700 ring-1 ring-slate-200 hover:bg-brand-50"
        >
          Permissions
        </a>
        <a
          href="#webhook-events"
          className="rounded-full bg-white px-3 py-1 text-brand-700 ring-1 ring-slate-200 hover:bg-brand-50"
        >
          Webhook events
        </a>
      </nav>

      <div className="space-y-6">
        {groups.map(([tag, operations]) => (
          <Card key={tag} aria-labelledby={slug(tag)}>
            <h2 id={slug(tag)} className="scroll-mt-4 px-4 pt-4 pb-2 text-base font-semibold">
              {tag}
            </h2>
            <Table aria-label={`${tag} operations`} className="table-fixed">
              <thead>
                <tr>
                  <Th className="w-24">Method</Th>
                  <Th className="w-[36%]">Path</Th>
                  <Th>Summary</Th>
                  <Th className="w-40">Permission</Th>
                  <Th className="w-44">Legacy roles</Th>
                </tr>
              </thead>
              <tbody>
                {operations.map((operation) => (
                  <tr key={`${operation.method} ${operation.path}`}>
                    <Td>
                      <MethodBadge method={operation.method} />
                    </Td>
                    <Td className="font-mono text-xs break-all">{operation.path}</Td>
                    <Td>{operation.summary}</Td>
                    <Td className="font-mono text-xs">
                      {"permission" in operation.access ? (
                        operation.access.permission
                      ) : (
                        <span className="font-sans text-slate-600">Legacy role only</span>
                      )}
                    </Td>
                    <Td className="font-mono text-xs">{legacyRolesFor(operation).join(", ")}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </Card>
        ))}

        <Card aria-labelledby="permissions">
          <h2 id="permissions" className="scroll-mt-4 px-4 pt-4 pb-2 text-base font-semibold">
            Permissions
          </h2>
          <Table aria-label="Permissions">
            <thead>
              <tr>
                <Th>Permission</Th>
                <Th>Grants</Th>
                <Th>Legacy roles that include it</Th>
              </tr>
            </thead>
            <tbody>
              {PERMISSION_NAMES.map((permission) => (
                <tr key={permission}>
                  <Td className="font-mono text-xs">{permission}</Td>
                  <Td>{PERMISSIONS[permission].description}</Td>
                  <Td className="font-mono text-xs">{PERMISSIONS[permission].legacyRoles.join(", ")}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <h3 className="px-4 pt-4 text-sm font-semibold">Legacy roles</h3>
          <ul className="space-y-1 px-4 pt-2 pb-4 text-sm">
            {LEGACY_ROLES.map((role) => (
              <li key={role}>
                <code className="font-mono">{role}</code> — {LEGACY_ROLE_DESCRIPTIONS[role]}
              </li>
            ))}
          </ul>
        </Card>

        <WebhookEvents />
      </div>
    </>
  );
}
