import type { Metadata } from "next";
import { getApiKey, getObservedAddresses, getRefusals, getUsage } from "@/lib/api-keys";
import { KeyGraceTraffic } from "../_components/key-grace-traffic";
import { KeyObservedAddresses } from "../_components/key-observed-addresses";
import { KeyRefusals } from "../_components/key-refusals";
import { apiKeyAuditTrail } from "@/lib/api-keys/audit-trail";
import { can } from "@/lib/auth/access";
import { currentIpOf } from "@/lib/api-keys/allowlist";
import { publicBaseUrl } from "@/lib/auth/config";
import { PageHeader, Breadcrumb } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/card";
import { pageEnvironment, recordInEnvironment } from "@/app/_lib/session";
import { ConfirmByNameDialog } from "../_components/confirm-by-name-dialog";
import { EditKeyDialog } from "../_components/edit-key-dialog";
import { requestTime } from "../_components/format";
import { formatDateTime } from "@/lib/dates";
import { KeyAuditTrail } from "../_components/key-audit-trail";
import { KeyLeastPrivilege } from "../_components/key-least-privilege";
import { KeySettings } from "../_components/key-settings";
import { KeyUsage } from "../_components/key-usage";
import { RotateKeyDialog } from "../_components/rotate-key-dialog";
import { StatusBadge } from "../_components/status-badges";

export const metadata: Metadata = { title: "API key" };

export default async function ApiKeyPage({ params }: { params: Promise<{ env: string; id: string }> }) {
  const { member, environment } = await pageEnvironment(params);
  const { id } = await params;
  const apiKey = await recordInEnvironment(environment, () =>
    getApiKey(member, { id: decodeURIComponent(id) }),
  );
  const [usage, refusals, events, observed] = await Promise.all([
    getUsage(member, apiKey.id),
    getRefusals(member, apiKey.id),
    apiKeyAuditTrail(member, apiKey.id),
    getObservedAddresses(member, apiKey.id),
  ]);
  const canEdit = can(member.role, "apiKeys", "edit");
  const now = requestTime();
  const base = publicBaseUrl();
  const revoked = apiKey.status === "revoked";
  const graceActive =
    apiKey.previousSecretExpiresAt &&
    apiKey.previousSecretExpiresAt.getTime() > now &&
    apiKey.previousSecretUnusedMinutes === null;

  return (
    <>
      <Breadcrumb href={`/${environment.name}/configuration/api-keys`} label="API keys" />
      <PageHeader
        title={apiKey.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={apiKey.status} />
            <span className="font-mono text-xs">{apiKey.clientId}</span>
          </span>
        }
        actions={
          canEdit ? (
            <>
              {!revoked ? (
                <>
                  <EditKeyDialog
                    environment={environment.name}
                    currentIp={currentIpOf(member.ip)}
                    apiKey={{
                      id: apiKey.id,
                      version: apiKey.version,
                      name: apiKey.name,
                      kind: apiKey.kind,
                      permissions: apiKey.permissions,
                      role: apiKey.role,
                      expiresAt: apiKey.expiresAt?.toISOString() ?? "",
                      allowlist: apiKey.allowlist,
                      allowlistMode: apiKey.allowlistMode,
                    }}
                  />
                  <RotateKeyDialog
                    environment={environment.name}
                    currentExpiresAt={apiKey.expiresAt?.toISOString() ?? ""}
                    keyId={apiKey.id}
                    tokenUrl={`${base}/oauth2/token`}
                    apiBaseUrl={`${base}/v1`}
                  />
                  <ConfirmByNameDialog
                    action="revoke"
                    environment={environment.name}
                    keyId={apiKey.id}
                    keyName={apiKey.name}
                  >
                    <p>
                      Every request with this key fails from now on, including requests with access tokens
                      issued before. This cannot be undone.
                    </p>
                  </ConfirmByNameDialog>
                </>
              ) : null}
              <ConfirmByNameDialog
                action="delete"
                environment={environment.name}
                keyId={apiKey.id}
                keyName={apiKey.name}
              >
                <p>
                  The key, its usage history and its settings are removed. Any request with it fails from now
                  on. The audit log keeps its entries.
                </p>
              </ConfirmByNameDialog>
            </>
          ) : null
        }
      />
      {revoked ? (
        <Alert tone="danger" className="mb-4" role="status">
          Revoked on {formatDateTime(apiKey.revokedAt)}. Requests with this key and with its access tokens are
          refused.
        </Alert>
      ) : null}
      {graceActive && !revoked ? (
        <Alert tone="warning" className="mb-4" role="status">
          Rotation grace period: the previous secret keeps working until{" "}
          {formatDateTime(apiKey.previousSecretExpiresAt)}.
        </Alert>
      ) : null}
      <KeyGraceTraffic apiKey={apiKey} now={now} />
      {apiKey.kind === "legacy" && !revoked ? (
        <Alert className="mb-4">
          This is a legacy key with a role. Consider replacing it with a fine-grained key that holds only the
          permissions it needs.
        </Alert>
      ) : null}
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0 space-y-4">
          <KeySettings apiKey={apiKey} now={now} />
          <KeyLeastPrivilege
            member={member}
            apiKey={apiKey}
            environment={environment.name}
            canCreate={canEdit && !revoked}
          />
          <KeyObservedAddresses
            apiKey={apiKey}
            addresses={observed}
            environment={environment.name}
            canEdit={canEdit}
          />
          <KeyRefusals refusals={refusals} />
        </div>
        <div className="min-w-0 space-y-4">
          <KeyUsage apiKey={apiKey} usage={usage} />
          <KeyAuditTrail
            events={events}
            auditLogHref={`/${environment.name}/audit-log?environment=${encodeURIComponent(environment.name)}`}
          />
        </div>
      </div>
    </>
  );
}
