import type { Metadata } from "next";
import { listCredentials } from "@/lib/credentials";
import { listCredentialsInput } from "@/lib/credentials/schemas";
import { can } from "@/lib/auth/access";
import { EmptyState } from "@/components/shell/page-header";
import { ListPageHeader, NewButton } from "@/components/shell/list-page-header";
import { Pagination } from "@/components/pagination";
import { listPageRequest, type EnvironmentPageProps } from "@/app/_lib/session";
import { CredentialFilters } from "./_components/credential-filters";
import { CredentialsTable } from "./_components/credentials-table";
import { credentialsPath } from "./_components/format";

export const metadata: Metadata = { title: "Credentials" };
const PAGE_SIZE = 25;

export default async function CredentialsPage(props: EnvironmentPageProps) {
  const { member, environment, text, search } = await listPageRequest(props);
  const parsed = listCredentialsInput.safeParse({
    environmentId: environment.id,
    search: search || undefined,
    type: text("type") || undefined,
    page: Number(text("page")) || 1,
    pageSize: PAGE_SIZE,
  });
  const query = parsed.success
    ? parsed.data
    : { environmentId: environment.id, page: 1, pageSize: PAGE_SIZE };
  const { items, total, page } = await listCredentials(member, query);
  const canEdit = can(member.role, "credentials", "edit");
  const base = credentialsPath(environment.name);
  const type = parsed.success ? (parsed.data.type ?? "") : "";

  return (
    <>
      <ListPageHeader
        title="Credentials"
        description="Save the credentials that authenticate the requests this platform sends: webhook deliveries, Send Request (the API's /requests and the Send request panel) and the premium integrations' tests."
        canEdit={canEdit}
        newHref={`${base}/new`}
        newLabel="New credential"
        viewOnly="You have view-only access to credentials. Ask an Editor, Admin or Owner to create, change or test them."
      />
      <CredentialFilters search={search} type={type} />
      {items.length === 0 ? (
        search || type ? (
          <EmptyState title="No credentials match">Try another search or type.</EmptyState>
        ) : (
          <EmptyState
            title="No credentials yet"
            action={canEdit ? <NewButton href={`${base}/new`} label="Create your first credential" /> : null}
          >
            A credential holds the OAuth client, AWS key, password, key pair or headers that the platform adds
            to requests it sends to other systems.
          </EmptyState>
        )
      ) : (
        <>
          <CredentialsTable credentials={items} environment={environment.name} canEdit={canEdit} />
          <Pagination
            base={base}
            query={{ q: search, type }}
            page={page}
            pageSize={PAGE_SIZE}
            total={total}
            noun={["credential", "credentials"]}
          />
        </>
      )}
    </>
  );
}
