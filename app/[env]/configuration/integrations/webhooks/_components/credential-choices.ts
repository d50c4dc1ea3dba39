import "server-only";
import { can } from "@/lib/auth/access";
import { listCredentials } from "@/lib/credentials";
import type { MemberActor } from "@/app/_lib/session";
import type { CredentialChoice } from "./endpoint-form";

/** The environment's credentials for the endpoint form's picker (names, types, destinations). */
export async function credentialChoices(
  member: MemberActor,
  environmentId: number,
): Promise<CredentialChoice[]> {
  if (!can(member.role, "credentials", "view")) return [];
  const { items } = await listCredentials(member, { environmentId, pageSize: 100 });
  return items.map((c) => ({
    id: c.id,
    name: c.name,
    typeLabel: c.typeLabel,
    destinations: c.allowedDestinations,
  }));
}
