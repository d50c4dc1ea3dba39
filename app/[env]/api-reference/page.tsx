import type { Metadata } from "next";
import { PageHeader, EmptyState } from "@/components/shell/page-header";
import { currentMember } from "@/app/_lib/session";

export const metadata: Metadata = { title: "API reference" };

export default async function Page() {
  await currentMember();
  return (
    <>
      <PageHeader title="API reference" description="The public API's operations and the permission each one requires." />
      <EmptyState title="Not available yet">The API reference arrives with API keys.</EmptyState>
    </>
  );
}
