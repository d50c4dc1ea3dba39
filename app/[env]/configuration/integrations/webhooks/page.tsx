import type { Metadata } from "next";
import { can } from "@/lib/auth/access";
import { listEndpoints } from "@/lib/webhooks";
import { EmptyState } from "@/components/shell/page-header";
import { ListPageHeader, NewButton } from "@/components/shell/list-page-header";
import { Pagination } from "@/components/pagination";
import { listPageRequest, type EnvironmentPageProps } from "@/app/_lib/session";
import { EndpointsTable } from "./_components/endpoints-table";
import { webhooksPath } from "./_components/format";

export const metadata: Metadata = { title: "Webhooks" };
const PAGE_SIZE = 25;

export default async function WebhooksPage(props: EnvironmentPageProps) {
  const { member, environment, text } = await listPageRequest(props);
  const page = Math.min(Math.max(Number(text("page")) || 1, 1), 10_000);
  const { items, total } = await listEndpoints(member, {
    environmentId: environment.id,
    page,
    pageSize: PAGE_SIZE,
  });
  const canEdit = can(member.role, "webhooks", "edit");
  const base = webhooksPath(environment.name);
  return (
    <>
      <ListPageHeader
        title="Webhooks"
        description="Endpoints that receive this environment's events, signed per the Standard Webhooks specification and retried for up to a day and a half, optionally authenticated with a saved credential."
        canEdit={canEdit}
        newHref={`${base}/new`}
        newLabel="New endpoint"
        viewOnly="You have view-only access to webhooks. Ask an Editor, Admin or Owner to create or change endpoints."
      />
      {items.length === 0 ? (
        <EmptyState
          title="No endpoints yet"
          action={canEdit ? <NewButton href={`${base}/new`} label="Create your first endpoint" /> : null}
        >
          An endpoint receives the events you choose (cards, customers, API keys, credentials) as signed HTTP
          POSTs.
        </EmptyState>
      ) : (
        <>
          <EndpointsTable endpoints={items} environment={environment.name} />
          <Pagination
            base={base}
            query={{}}
            page={page}
            pageSize={PAGE_SIZE}
            total={total}
            noun={["endpoint", "endpoints"]}
          />
        </>
      )}
    </>
  );
}
