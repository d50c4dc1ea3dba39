import type { Metadata } from "next";
import { can } from "@/lib/auth/access";
import { currentIpOf } from "@/lib/api-keys/allowlist";
import { publicBaseUrl } from "@/lib/auth/config";
import { PageHeader, Breadcrumb } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/card";
import { pageEnvironment } from "@/app/_lib/session";
import { permissionChoices } from "@/lib/permissions/permissions";
import { BasedOnNotice } from "../_components/based-on-notice";
import { NewApiKeyForm } from "../_components/new-api-key-form";
import { observedUseOf } from "../_components/observed-use";

export const metadata: Metadata = { title: "New API key" };

export default async function NewApiKeyPage({
  params,
  searchParams,
}: {
  params: Promise<{ env: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { member, environment } = await pageEnvironment(params);
  const base = publicBaseUrl();
  const from = (await searchParams).from;
  const basedOn =
    typeof from === "string" && can(member.role, "apiKeys", "edit")
      ? await observedUseOf(member, environment.id, from)
      : null;
  return (
    <>
      <Breadcrumb href={`/${environment.name}/configuration/api-keys`} label="API keys" />
      <PageHeader
        title="New API key"
        description={`A client ID and secret for the ${environment.name} environment, used with the OAuth 2 client-credentials token endpoint.`}
      />
      {can(member.role, "apiKeys", "edit") ? (
        <NewApiKeyForm
          environment={environment.name}
          environmentId={environment.id}
          currentIp={currentIpOf(member.ip)}
          tokenUrl={`${base}/oauth2/token`}
          apiBaseUrl={`${base}/v1`}
          basedOn={basedOn}
          notice={basedOn ? <BasedOnNotice basedOn={basedOn} /> : null}
          permissionChoices={permissionChoices()}
        />
      ) : (
        <Alert role="status">
          You have view-only access to API keys. Ask an Editor, Admin or Owner to create one.
        </Alert>
      )}
    </>
  );
}
