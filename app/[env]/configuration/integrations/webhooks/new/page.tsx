import type { Metadata } from "next";
import { can } from "@/lib/auth/access";
import { Breadcrumb, PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/card";
import { pageEnvironment } from "@/app/_lib/session";
import { EndpointForm } from "../_components/endpoint-form";
import { credentialChoices } from "../_components/credential-choices";
import { webhooksPath } from "../_components/format";

export const metadata: Metadata = { title: "New webhook endpoint" };

export default async function NewEndpointPage({ params }: { params: Promise<{ env: string }> }) {
  const { member, environment } = await pageEnvironment(params);
  const canEdit = can(member.role, "webhooks", "edit");
  return (
    <>
      <Breadcrumb href={webhooksPath(environment.name)} label="Webhooks" />
      <PageHeader
        title="New webhook endpoint"
        description={`Choose where the ${environment.name} environment's events go and which ones. The signing secret is shown once, after you create it.`}
      />
      {canEdit ? (
        <div className="max-w-3xl">
          <EndpointForm
            mode="create"
            environment={environment.name}
            credentials={await credentialChoices(member, environment.id)}
            defaultValues={{ name: "", url: "", eventTypes: [], credentialId: "", description: "" }}
          />
        </div>
      ) : (
        <Alert role="status">
          You have view-only access to webhooks. Ask an Editor, Admin or Owner to create an endpoint.
        </Alert>
      )}
    </>
  );
}
