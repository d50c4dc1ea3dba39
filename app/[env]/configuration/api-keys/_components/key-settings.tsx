import type { ApiKeyView } from "@/lib/api-keys";
import { LEGACY_ROLE_DESCRIPTIONS } from "@/lib/permissions/permissions";
import { CopyButton } from "@/components/copy-button";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/dates";
import { ExpiryBadge, KindBadge } from "./status-badges";

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 border-t border-slate-100 px-5 py-3 sm:grid-cols-[10rem_1fr]">
      <dt className="text-sm font-medium text-slate-600">{term}</dt>
      <dd className="min-w-0 text-sm">{children}</dd>
    </div>
  );
}

export function KeySettings({ apiKey, now }: { apiKey: ApiKeyView; now: number }) {
  return (
    <Card aria-labelledby="settings-heading">
      <h2 id="settings-heading" className="px-5 py-3 text-base font-semibold">
        Settings
      </h2>
      <dl>
        <Row term="Kind">
          <KindBadge kind={apiKey.kind} />
        </Row>
        {apiKey.kind === "legacy" && apiKey.role ? (
          <Row term="Role">
            <code className="font-mono">{apiKey.role}</code>
            <span className="ml-2 text-xs text-slate-600">{LEGACY_ROLE_DESCRIPTIONS[apiKey.role]}</span>
          </Row>
        ) : (
          <Row term="Permissions">
            <ul aria-label="Permissions" className="flex flex-wrap gap-1">
              {apiKey.permissions.map((permission) => (
                <li key={permission}>
                  <Badge className="font-mono">{permission}</Badge>
                </li>
              ))}
            </ul>
          </Row>
        )}
        <Row term="Client ID">
          <span className="flex flex-wrap items-center gap-2">
            <code className="font-mono text-xs">{apiKey.clientId}</code>
            <CopyButton value={apiKey.clientId} label="Client ID" />
          </span>
        </Row>
        <Row term="Client secret">
          <span className="font-mono text-xs">••••{apiKey.secretHint}</span>
          <span className="ml-2 text-xs text-slate-600">
            Only the last 4 characters are kept for reference. Rotate to get a new secret.
          </span>
        </Row>
        <Row term="Expiry">
          <span className="flex flex-wrap items-center gap-2">
            {apiKey.expiresAt ? <span>{formatDateTime(apiKey.expiresAt)}</span> : null}
            <ExpiryBadge expiresAt={apiKey.expiresAt} now={now} />
          </span>
        </Row>
        <Row term="IP allowlist">
          {apiKey.allowlist.length ? (
            <ul aria-label="Allowed addresses" className="flex flex-wrap gap-1">
              {apiKey.allowlist.map((entry) => (
                <li key={entry}>
                  <Badge className="font-mono">{entry}</Badge>
                </li>
              ))}
            </ul>
          ) : (
            <span className="text-slate-600">Any address</span>
          )}
          {apiKey.allowlistMode === "report" ? (
            <Badge className="mt-1" tone="warning">
              Report only: not enforced
            </Badge>
          ) : null}
        </Row>
        <Row term="Created">
          {apiKey.createdByLabel} · {formatDateTime(apiKey.createdAt)}
        </Row>
        <Row term="Last changed">{formatDateTime(apiKey.updatedAt)}</Row>
      </dl>
    </Card>
  );
}
