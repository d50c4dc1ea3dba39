import type { Metadata } from "next";
import { can } from "@/lib/auth/access";
import { formatDateTime } from "@/lib/dates";
import { getEndpoint, listMessages } from "@/lib/webhooks";
import { previousSecretSigns } from "@/lib/webhooks/views";
import { Breadcrumb, PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/card";
import { pageEnvironment, recordInEnvironment } from "@/app/_lib/session";
import { credentialChoices } from "../_components/credential-choices";
import {
  DeleteEndpointDialog,
  RotateSecretDialog,
  StatusButton,
  TestEventButton,
} from "../_components/endpoint-actions";
import { EndpointForm } from "../_components/endpoint-form";
import { webhooksPath } from "../_components/format";
import { Messages } from "../_components/messages";
import { EndpointStatusBadge } from "../_components/status-badge";

export const metadata: Metadata = { title: "Webhook endpoint" };

export default async function EndpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ env: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { member, environment } = await pageEnvironment(params);
  const { id } = await params;
  const query = await searchParams;
  const endpoint = await recordInEnvironment(environment, () => getEndpoint(member, decodeURIComponent(id)));
  const canEdit = can(member.role, "webhooks", "edit");
  const filter = query.status === "failed" ? "failed" : "";
  const after = typeof query.after === "string" ? query.after : undefined;
  const page = await listMessages(member, {
    id: endpoint.id,
    ...(filter ? { status: filter } : {}),
    limit: 20,
    ...(after ? { cursor: after } : {}),
  }).catch(() => listMessages(member, { id: endpoint.id, limit: 20 }));
  const base = `${webhooksPath(environment.name)}/${endpoint.id}`;

  return (
    <>
      <Breadcrumb href={webhooksPath(environment.name)} label="Webhooks" />
      <PageHeader
        title={endpoint.name}
        description={
          <span className="flex flex-wrap items-center gap-x-4 gap-y-1">
            <EndpointStatusBadge status={endpoint.status} />
            <span className="font-mono text-xs break-all">{endpoint.url}</span>
            <span>
              Updated by {endpoint.updatedByLabel} · {formatDateTime(endpoint.updatedAt)}
            </span>
          </span>
        }
        actions={
          canEdit ? (
            <>
              <StatusButton environment={environment.name} id={endpoint.id} status={endpoint.status} />
              {endpoint.status !== "disabled" ? (
                <TestEventButton environment={environment.name} id={endpoint.id} status={endpoint.status} />
              ) : null}
              <RotateSecretDialog environment={environment.name} id={endpoint.id} />
              <DeleteEndpointDialog environment={environment.name} id={endpoint.id} name={endpoint.name} />
            </>
          ) : null
        }
      />
      {endpoint.status === "disabled" ? (
        <Alert tone="danger" role="alert" className="mb-4">
          This endpoint was disabled: {endpoint.disabledReason ?? "every delivery failed for 5 days"}. No
          events are queued for it until it is resumed{canEdit ? " (Resume above)" : ""}.
        </Alert>
      ) : endpoint.status === "paused" ? (
        <Alert tone="warning" role="status" className="mb-4">
          Paused: events are queued and delivered when the endpoint is resumed.
        </Alert>
      ) : null}
      {!canEdit ? (
        <Alert className="mb-4" role="status">
          You have view-only access to webhooks. Ask an Editor, Admin or Owner to change this endpoint.
        </Alert>
      ) : null}
      {previousSecretSigns(endpoint) && endpoint.previousSecretExpiresAt ? (
        <p className="mb-4 text-xs text-slate-700">
          The previous signing secret also signs deliveries until{" "}
          {formatDateTime(endpoint.previousSecretExpiresAt)}.
        </p>
      ) : null}
      <div className="max-w-5xl space-y-8">
        <Messages
          page={page}
          environment={environment.name}
          endpointId={endpoint.id}
          base={base}
          filter={filter}
          canEdit={canEdit}
        />
        <section aria-labelledby="settings-heading" className="space-y-3">
          <h2 id="settings-heading" className="text-base font-semibold">
            Settings
          </h2>
          <EndpointForm
            key={endpoint.version}
            mode="update"
            environment={environment.name}
            id={endpoint.id}
            version={endpoint.version}
            credentials={await credentialChoices(member, environment.id)}
            readOnly={!canEdit}
            defaultValues={{
              name: endpoint.name,
              url: endpoint.url,
              eventTypes: endpoint.eventTypes as never,
              credentialId: endpoint.credentialId ?? "",
              description: endpoint.description ?? "",
            }}
          />
        </section>
      </div>
    </>
  );
}
