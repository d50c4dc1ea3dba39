import type { Metadata } from "next";
import { can } from "@/lib/auth/access";
import { getCredentialForEdit, secretExpiryStatus, stsDefaultUrl } from "@/lib/credentials";
import { config } from "@/lib/config";
import { PageHeader, Breadcrumb } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/card";
import { pageEnvironment, recordInEnvironment } from "@/app/_lib/session";
import { CredentialForm } from "../_components/lazy-credential-form";
import { CredentialActions } from "../_components/credential-actions";
import { CredentialActionButtons } from "../_components/credential-action-buttons";
import { credentialsPath } from "../_components/format";
import { formatDateTime } from "@/lib/dates";
import { CredentialTools } from "../_components/lazy-credential-tools";
import { LastUse } from "../_components/last-use";
import { UsedBy } from "../_components/used-by";
import { TestStatusBadge } from "../_components/test-status-badge";
import { TypeLabel } from "../_components/type-label";
import { JwksPanel, PublicKeyPanel } from "../_components/lazy-key-pair-panels";
import { SecretExpiryBanner } from "../_components/secret-expiry-banner";
import { SecretExpiryForm } from "../_components/lazy-secret-expiry";

export const metadata: Metadata = { title: "Credential" };

export default async function CredentialPage({ params }: { params: Promise<{ env: string; id: string }> }) {
  const { member, environment } = await pageEnvironment(params);
  const { id } = await params;
  const credential = await recordInEnvironment(environment, () =>
    getCredentialForEdit(member, decodeURIComponent(id)),
  );
  const canEdit = can(member.role, "credentials", "edit");
  const { values, secretsSet, publicKey } = credential;
  const defaultUrl = values.type === "aws_signed_request" ? stsDefaultUrl(values.region) : "";

  return (
    <>
      <Breadcrumb href={credentialsPath(environment.name)} label="Credentials" />
      <PageHeader
        title={credential.name}
        description={
          <span className="flex flex-wrap items-center gap-x-4 gap-y-1">
            <TypeLabel type={credential.type} />
            <span>
              Updated by {credential.updatedByLabel} · {formatDateTime(credential.updatedAt)}
            </span>
            <span>
              Last used: <LastUse use={credential.lastUse} />
            </span>
          </span>
        }
        actions={
          canEdit ? (
            <CredentialActions
              environment={environment.name}
              usedBy={credential.usedBy}
              leavePage
              className="flex items-center gap-2"
            >
              <CredentialActionButtons id={credential.id} name={credential.name} />
            </CredentialActions>
          ) : null
        }
      />
      <div className="mb-6 flex items-start gap-2 text-xs">
        <span className="font-medium">Last test:</span>
        <TestStatusBadge
          testedAt={credential.lastTestedAt}
          ok={credential.lastTestOk}
          summary={credential.lastTestSummary}
        />
      </div>
      <SecretExpiryBanner
        name={credential.name}
        expiresAt={credential.secretExpiresAt}
        status={secretExpiryStatus(credential.secretExpiresAt)}
      />
      {!canEdit ? (
        <Alert className="mb-4" role="status">
          You have view-only access to credentials. Ask an Editor, Admin or Owner to change or test this one.
        </Alert>
      ) : null}
      {/* Two columns on wide screens, like Postman: the settings, and beside them the Test panel. */}
      <div
        className={
          canEdit
            ? "grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)] xl:items-start"
            : "max-w-4xl space-y-6"
        }
      >
        <div className="min-w-0 space-y-6">
          <section aria-labelledby="destinations-heading" className="space-y-2">
            <h2 id="destinations-heading" className="text-base font-semibold">
              Where it may be sent
            </h2>
            {credential.allowedDestinations.length ? (
              <ul aria-label="Allowed destinations" className="flex flex-wrap gap-2 text-sm">
                {credential.allowedDestinations.map((d) => (
                  <li key={d} className="rounded bg-slate-100 px-2 py-0.5 font-mono">
                    {d}
                  </li>
                ))}
              </ul>
            ) : (
              <Alert tone="warning" role="status">
                This credential has no allowed destinations yet, so every use of it is refused. Add the
                destination below (and type its secret again) to use it.
              </Alert>
            )}
            <UsedBy environment={environment.name} users={credential.usedBy} />
          </section>
          {publicKey ? (
            <PublicKeyPanel pem={publicKey.pem} jwk={publicKey.jwk as Record<string, unknown>} />
          ) : null}
          {credential.jwks ? (
            <JwksPanel
              environment={environment.name}
              id={credential.id}
              version={credential.version}
              publicUrl={config().publicUrl}
              jwks={credential.jwks}
              canEdit={canEdit}
            />
          ) : null}
          <SecretExpiryForm
            key={credential.secretExpiresAt?.toISOString() ?? "none"}
            environment={environment.name}
            id={credential.id}
            secretExpiresOn={credential.secretExpiresAt?.toISOString().slice(0, 10) ?? ""}
            canEdit={canEdit}
          />
          <section aria-labelledby="settings-heading" className="space-y-3">
            <h2 id="settings-heading" className="text-base font-semibold">
              Settings
            </h2>
            <CredentialForm
              key={credential.version}
              mode="update"
              environment={environment.name}
              label="Credential settings"
              id={credential.id}
              version={credential.version}
              secretsSet={secretsSet}
              defaultValues={values}
              readOnly={!canEdit}
            />
          </section>
        </div>
        {canEdit ? (
          <div className="min-w-0 xl:sticky xl:top-4 xl:max-h-[calc(100vh-2rem)] xl:overflow-y-auto">
            <CredentialTools
              environment={environment.name}
              id={credential.id}
              type={credential.type}
              defaultUrl={defaultUrl}
              destinations={credential.allowedDestinations}
            />
          </div>
        ) : null}
      </div>
    </>
  );
}
