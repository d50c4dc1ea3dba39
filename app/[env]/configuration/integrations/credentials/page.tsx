import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { credentialListPage } from "@/lib/credentials";
import { formatDate } from "@/lib/dates";
import { Alert } from "@/components/ui/card";
import { listCredentialsInput } from "@/lib/credentials/schemas";
import { can } from "@/lib/auth/access";
import { EmptyState } from "@/components/shell/page-header";
import { ListPageHeader, NewButton } from "@/components/shell/list-page-header";
import { Pagination } from "@/components/pagination";
import { listPageRequest, type EnvironmentPageProps } from "@/app/_lib/session";
import { CredentialFilters } from "./_components/credential-filters";
import { CredentialsTable } from "./_components/credentials-table";
import { CredentialSortLinks } from "./_components/secret-expiry-cell";
import { credentialsPath } from "./_components/format";

export const metadata: Metadata = { title: "Credentials" };
const PAGE_SIZE = 25;

export default async function CredentialsPage(props: EnvironmentPageProps) {
  const { member, environment, text, search } = await listPageRequest(props);
  const parsed = listCredentialsInput.safeParse({
    environmentId: environment.id,
    search: search || undefined,
    type: text("type") || undefined,
    sort: text("sort") || undefined,
    page: Number(text("page")) || 1,
    pageSize: PAGE_SIZE,
  });
  const query = parsed.success
    ? parsed.data
    : { environmentId: environment.id, page: 1, pageSize: PAGE_SIZE };
  const { items, total, page, expiring } = await credentialListPage(member, query);
  const canEdit = can(member.role, "credentials", "edit");
  const base = credentialsPath(environment.name);
  const type = parsed.success ? (parsed.data.type ?? "") : "";
  const sort = parsed.success ? (parsed.data.sort ?? "") : "";
  const hrefWith = (sortBy: string) => {
    const params = new URLSearchParams(
      Object.entries({ q: search, type, sort: sortBy }).filter((e): e is [string, string] => !!e[1]),
    );
    return params.size ? `${base}?${params}` : base;
  };

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
      {expiring.length ? (
        <Alert tone="warning" role="alert" className="mb-4">
          {expiring.length === 1 ? "A credential's secret expires" : "Credentials' secrets expire"} at the
          provider within 14 days (or have expired):{" "}
          {expiring.map((c, index) => (
            <span key={c.id}>
              {index ? ", " : ""}
              <Link href={`${base}/${c.id}`} className="font-medium underline">
                {c.name}
              </Link>{" "}
              ({formatDate(c.secretExpiresAt)})
            </span>
          ))}
          . Renew them there and type the new secrets here.
        </Alert>
      ) : null}
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
          <CredentialSortLinks
            bySecretExpiry={sort === "secret_expiry"}
            byNameHref={hrefWith("")}
            bySecretExpiryHref={hrefWith("secret_expiry")}
          />
          <CredentialsTable credentials={items} environment={environment.name} canEdit={canEdit} />
          <Pagination
            base={base}
            query={{ q: search, type, sort }}
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
