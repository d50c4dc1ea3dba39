import { redirect } from "next/navigation";
import { listEnvironments } from "@/lib/organisations/environments";
import { currentMember } from "./_lib/session";

export default async function Home() {
  const member = await currentMember();
  const [first] = await listEnvironments(member);
  redirect(first ? `/${encodeURIComponent(first.name)}/configuration/api-keys` : "/sign-in");
}
