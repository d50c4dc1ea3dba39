import { can } from "@/lib/auth/access";
import { featureStates, listAwsCredentialChoices, listIntegrations } from "@/lib/integrations";
import type { ReactNode } from "react";
import { FEATURE_OF, isS3Kind, type IntegrationKind } from "@/lib/integrations/kinds";
import { PageHeader } from "@/components/shell/page-header";
import { pageEnvironment } from "@/app/_lib/session";
import { AwsTabs } from "./aws-tabs";
import { IntegrationsManager } from "./integrations-manager";
import { PremiumNotice } from "./premium-notice";

const HEADERS: Record<IntegrationKind, { title: string; description: string }> = {
  s3_analytics: {
    title: "AWS",
    description:
      "S3 analytics buckets: where analytics exports are to go, with the AWS credential for each. This console saves and tests them live (write, read back, delete a probe object).",
  },
  s3_action_flows: {
    title: "AWS",
    description:
      "S3 Action Flows buckets: the buckets, and the AWS credential for each, kept here for Action Flows. This console saves and tests them live (write, read back, delete a probe object).",
  },
  salesforce: {
    title: "Salesforce",
    description:
      "Salesforce Marketing Cloud accounts (client ID, secret, MID), saved and tested live with the v2 token request.",
  },
  marketo: {
    title: "Marketo",
    description:
      "Marketo instances (Munchkin ID, client ID, secret), saved and tested live with the identity token request.",
  },
};

/**
 * One premium page: the notice while the flag is off, otherwise the list, forms and live tests,
 * then `children` (a page's own section; passed in, so other pages do not ship its client code).
 */
export async function PremiumIntegrationPage({
  params,
  kind,
  children,
}: {
  params: Promise<{ env: string }>;
  kind: IntegrationKind;
  children?: ReactNode;
}) {
  const { member, environment } = await pageEnvironment(params);
  const environmentName = environment.name;
  const feature = FEATURE_OF[kind];
  const enabled = (await featureStates(member.organisationId))[feature];
  const header = <PageHeader title={HEADERS[kind].title} description={HEADERS[kind].description} />;
  const tabs = isS3Kind(kind) ? <AwsTabs environment={environmentName} current={kind} /> : null;
  if (!enabled) {
    return (
      <>
        {header}
        <PremiumNotice feature={feature} environment={environmentName} isOwner={member.role === "owner"} />
      </>
    );
  }
  const [items, credentials] = await Promise.all([
    listIntegrations(member, { environmentId: environment.id, kind }),
    isS3Kind(kind) ? listAwsCredentialChoices(member, environment.id) : Promise.resolve([]),
  ]);
  return (
    <>
      {header}
      {tabs}
      <IntegrationsManager
        kind={kind}
        environment={environmentName}
        environmentId={environment.id}
        items={items}
        credentials={credentials}
        canEdit={can(member.role, "integrations", "edit")}
      />
      {children}
    </>
  );
}
