import type { Metadata } from "next";
import Link from "next/link";
import { Plus } from "lucide-react";
import { listApiKeys } from "@/lib/api-keys";
import { listApiKeysInput } from "@/lib/api-keys/schemas";
import { can } from "@/lib/auth/access";
import { PageHeader, EmptyState } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
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
      <PageHeader
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
        actions={
          canEdit ? (
            <Button asChild>
              <Link href={`${base}/new`}>
                <Plus aria-hidden /> New API key
              </Link>
            </Button>
          ) : null
        }
      />
      {!canEdit ? (
        <Alert className="mb-4" role="status">
          You have view-only access to API keys. Ask an Editor, Admin or Owner to create or change them.
        </Alert>
      ) : null}
      <ApiKeyFilters search={search} status={parsed.success ? (parsed.data.status ?? "") : ""} />
      {items.length === 0 ? (
        filtered ? (
          <EmptyState title="No API keys match">Try another search or status.</EmptyState>
        ) : (
          <EmptyState
            title="No API keys yet"
            action={
              canEdit ? (
                <Button asChild>
                  <Link href={`${base}/new`}>Create your first API key</Link>
                </Button>
              ) : null
            }
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
