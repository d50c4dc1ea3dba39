import { Link } from "@/components/ui/link";
import type { ApiKeyView } from "@/lib/api-keys";
import { accessSummary } from "@/lib/permissions/permissions";
import { CopyButton } from "@/components/copy-button";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { When } from "@/components/when";
import { ExpiryBadge, KindBadge, StatusBadge } from "./status-badges";

export function ApiKeysTable({
  keys,
  environment,
  now,
}: {
  keys: ApiKeyView[];
  environment: string;
  now: number;
}) {
  return (
    <Card>
      <Table aria-label="API keys" className="[&_td]:px-3 [&_th]:px-3 [&_th]:whitespace-nowrap">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Access</Th>
            <Th>Client ID / secret</Th>
            <Th>Created</Th>
            <Th>Last used</Th>
            <Th>Expiry</Th>
            <Th>Allowlist</Th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id} className={key.status === "revoked" ? "bg-slate-50 text-slate-600" : undefined}>
              <Td className="min-w-36">
                <Link
                  href={`/${environment}/configuration/api-keys/${key.id}`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {key.name}
                </Link>
                <div className="mt-1 flex flex-wrap gap-1">
                  <KindBadge kind={key.kind} />
                  {key.status !== "active" ? <StatusBadge status={key.status} /> : null}
                </div>
              </Td>
              <Td className="min-w-32 max-w-48 text-xs">
                <span className="font-mono break-words">{accessSummary(key)}</span>
              </Td>
              <Td>
                <div className="flex items-center gap-2">
                  {/* Shortened to fit; the full ID is in the title and the copy button. */}
                  <code className="block max-w-40 truncate font-mono text-xs" title={key.clientId}>
                    {key.clientId}
                  </code>
                  <CopyButton value={key.clientId} label={`client ID of ${key.name}`} compact />
                </div>
                <div className="mt-1 text-xs text-slate-600">
                  Secret <span className="font-mono">••••{key.secretHint}</span>
                </div>
              </Td>
              <Td className="max-w-40 text-xs">
                <div className="break-all">{key.createdByLabel}</div>
                <When value={key.createdAt} className="block whitespace-nowrap text-slate-600" />
              </Td>
              <Td className="max-w-48 text-xs">
                {key.lastUsedAt ? (
                  <>
                    <When value={key.lastUsedAt} now={now} className="block whitespace-nowrap" />
                    <div className="font-mono text-slate-600">{key.lastUsedIp ?? "unknown IP"}</div>
                    <div className="truncate text-slate-600" title={key.lastUsedUserAgent ?? undefined}>
                      {key.lastUsedUserAgent ?? ""}
                    </div>
                  </>
                ) : (
                  <span className="text-slate-600">Never</span>
                )}
              </Td>
              <Td className="min-w-24 text-xs">
                <ExpiryBadge expiresAt={key.expiresAt} now={now} />
              </Td>
              <Td className="max-w-40 font-mono text-xs">
                {key.allowlist.length ? (
                  // The first entry and a count: the full list is on the key's page and in the title.
                  <span title={key.allowlist.join(", ")} className="block truncate">
                    {key.allowlist[0]}
                    {key.allowlist.length > 1 ? (
                      <span className="font-sans text-slate-600"> +{key.allowlist.length - 1} more</span>
                    ) : null}
                  </span>
                ) : (
                  <span className="font-sans text-slate-600">Any address</span>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}
