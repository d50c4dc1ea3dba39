import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { listApiKeys } from "@/lib/api-keys";
import { listApiKeysInput } from "@/lib/api-keys/schemas";
import { can } from "@/lib/auth/access";
import { EmptyState } from "@/components/shell/page-header";
import { ListPageHeader, NewButton } from "@/components/shell/list-page-header";
import { Pagination } from "@/components/pagination";
import { listPageRequest, type EnvironmentPageProps } from "@/app/_lib/session";
import { ApiKeyFilters } from "./_components/api-key-filters";
import { ApiKeysTable } from "./_components/api-keys-table";
import { requestTime } from "./_components/format";

export const metadata: Metadata = { title: "API keys" };
const PAGE_SIZE = 20;

export default async function ApiKeysPage(props: EnvironmentPageProps) {
  const { member, environment, text, search } = await listPageRequest(props);
  const parsed = listApiKeysInput.safeParse({
    environmentId: environment.id,
    search: search || undefined,
    status: text("status") || undefined,
    page: text("page") || 1,
    pageSize: PAGE_SIZE,
  });
  const query = parsed.success
    ? parsed.data
    : { environmentId: environment.id, page: 1, pageSize: PAGE_SIZE };
  const { items, total, page } = await listApiKeys(member, query);
  const canEdit = can(member.role, "apiKeys", "edit");
  const base = `/${environment.name}/configuration/api-keys`;
  const filtered = Boolean(search || text("status"));

  return (
    <>
      <ListPageHeader
        title="API keys"
        description={
          <>
            Credentials that outside systems use to call the {environment.name} environment&apos;s API through
            the OAuth 2 token endpoint. See the{" "}
            <Link href={`/${environment.name}/api-reference`} className="text-brand-700 underline">
              API reference
            </Link>{" "}
            for the permission each endpoint needs.
          </>
        }
        canEdit={canEdit}
        newHref={`${base}/new`}
        newLabel="New API key"
        viewOnly="You have view-only access to API keys. Ask an Editor, Admin or Owner to create or change them."
      />
      <ApiKeyFilters search={search} status={parsed.success ? (parsed.data.status ?? "") : ""} />
      {items.length === 0 ? (
        filtered ? (
          <EmptyState title="No API keys match">Try another search or status.</EmptyState>
        ) : (
          <EmptyState
            title="No API keys yet"
            action={canEdit ? <NewButton href={`${base}/new`} label="Create your first API key" /> : null}
          >
            An API key gives an outside system a client ID and secret to request access tokens for this
            environment.
          </EmptyState>
        )
      ) : (
        <>
          <ApiKeysTable keys={items} environment={environment.name} now={requestTime()} />
          <Pagination
            base={base}
            query={{ q: search, status: parsed.success ? parsed.data.status : undefined }}
            page={page}
            pageSize={PAGE_SIZE}
            total={total}
            noun={["key", "keys"]}
          />
        </>
      )}
    </>
  );
}
