import type { Metadata } from "next";
import { PageHeader, EmptyState } from "@/components/shell/page-header";
import { currentMember } from "@/app/_lib/session";

export const metadata: Metadata = { title: "Marketo" };

export default async function Page() {
  await currentMember();
  return (
    <>
      <PageHeader title="Marketo" description="Marketo integration." />
      <EmptyState title="Premium feature">Integration with Marketo is a premium feature that an operator enables for your organisation.</EmptyState>
    </>
  );
}
