import { redirect } from "next/navigation";

/** AWS has two kinds of bucket, each on its own page; the first is the default. */
export default async function AwsPage({ params }: { params: Promise<{ env: string }> }) {
  const { env } = await params;
  redirect(`/${env}/configuration/integrations/aws/analytics`);
}
