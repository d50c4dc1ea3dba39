import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { can } from "@/lib/auth/access";
import { CREDENTIAL_TYPES, CREDENTIAL_TYPE_INFO, type CredentialType } from "@/lib/credentials/schemas";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { pageEnvironment } from "@/app/_lib/session";
import { CredentialForm } from "../_components/lazy-credential-form";
import { emptyValues } from "../_components/defaults";
import { credentialsPath, newCredentialTitle } from "../_components/format";
import { TypePicker } from "../_components/type-picker";

export const metadata: Metadata = { title: "New credential" };

function typeOf(value: unknown): CredentialType | null {
  return typeof value === "string" && (CREDENTIAL_TYPES as readonly string[]).includes(value)
    ? (value as CredentialType)
    : null;
}

export default async function NewCredentialPage({
  params,
  searchParams,
}: {
  params: Promise<{ env: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { member, environment } = await pageEnvironment(params);
  const type = typeOf((await searchParams).type);
  const base = credentialsPath(environment.name);
  const info = type ? CREDENTIAL_TYPE_INFO[type] : null;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 flex gap-2 text-sm">
        <Link href={base} className="text-brand-700 hover:underline">
          Credentials
        </Link>
        {type ? (
          <>
            <span aria-hidden>/</span>
            <Link href={`${base}/new`} className="text-brand-700 hover:underline">
              Choose a type
            </Link>
          </>
        ) : null}
      </nav>
      <PageHeader
        title={info ? newCredentialTitle(info) : "New credential"}
        description={
          info
            ? info.description
            : `Choose the type of credential to save in the ${environment.name} environment.`
        }
      />
      {!can(member.role, "credentials", "edit") ? (
        <Alert role="status">
          You have view-only access to credentials. Ask an Editor, Admin or Owner to create one.
        </Alert>
      ) : type && info ? (
        <div className="max-w-3xl">
          <CredentialForm
            mode="create"
            environment={environment.name}
            label={newCredentialTitle({ label: info.label })}
            defaultValues={emptyValues(type)}
          />
        </div>
      ) : (
        <div className="max-w-3xl space-y-4">
          <TypePicker base={base} />
          <div className="flex justify-end">
            <Button variant="secondary" asChild>
              <Link href={base}>Cancel</Link>
            </Button>
          </div>
        </div>
      )}
    </>
  );
}
