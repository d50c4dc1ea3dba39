import type { Metadata } from "next";
import { PageHeader, EmptyState } from "@/components/shell/page-header";
import { currentMember } from "@/app/_lib/session";

export const metadata: Metadata = { title: "Credentials" };

export default async function Page() {
  await currentMember();
  return (
    <>
      <PageHeader title="Credentials" description="Saved credentials that the platform attaches to outgoing requests." />
      <EmptyState title="Not available yet">Outbound credentials arrive with the next release of this console.</EmptyState>
    </>
  );
}
