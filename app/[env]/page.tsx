import { redirect } from "next/navigation";

export default async function EnvironmentHome({ params }: { params: Promise<{ env: string }> }) {
  const { env } = await params;
  redirect(`/${env}/configuration/api-keys`);
}
