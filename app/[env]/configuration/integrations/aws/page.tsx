import type { Metadata } from "next";
import { PageHeader, EmptyState } from "@/components/shell/page-header";
import { currentMember } from "@/app/_lib/session";

export const metadata: Metadata = { title: "AWS" };

export default async function Page() {
  await currentMember();
  return (
    <>
      <PageHeader title="AWS" description="S3 analytics buckets and S3 Action Flows buckets." />
      <EmptyState title="Premium feature">Connecting to S3 is a premium feature that an operator enables for your organisation.</EmptyState>
    </>
  );
}
