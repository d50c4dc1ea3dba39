import type { Metadata } from "next";
import { PageHeader, EmptyState } from "@/components/shell/page-header";
import { currentMember } from "@/app/_lib/session";

export const metadata: Metadata = { title: "Salesforce" };

export default async function Page() {
  await currentMember();
  return (
    <>
      <PageHeader title="Salesforce" description="Salesforce Marketing Cloud integration." />
      <EmptyState title="Premium feature">Integration with Salesforce is a premium feature that an operator enables for your organisation.</EmptyState>
    </>
  );
}
