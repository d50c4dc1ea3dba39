import type { Metadata } from "next";
import { PageHeader, EmptyState } from "@/components/shell/page-header";
import { currentMember } from "@/app/_lib/session";

export const metadata: Metadata = { title: "API keys" };

export default async function Page() {
  await currentMember();
  return (
    <>
      <PageHeader title="API keys" description="Credentials that outside systems use to call this environment's API through the OAuth 2 token endpoint." />
      <EmptyState title="Not available yet">API key management arrives with the next release of this console.</EmptyState>
    </>
  );
}
