// An organisation of the list-read tests: "Acme" with a production and a staging environment,
// and its owner as an actor (the reads check the actor, not a session, so no user is written).
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";

export async function seedOrganisation(): Promise<{
  organisationId: string;
  environmentId: number;
  otherEnvironmentId: number;
  owner: Actor;
}> {
  const org = await db().organisation.create({
    data: { name: "Acme", environments: { create: [{ name: "production" }, { name: "staging" }] } },
    select: { id: true, environments: { select: { id: true }, orderBy: { id: "asc" } } },
  });
  const [environmentId, otherEnvironmentId] = org.environments.map((e) => e.id);
  const owner: Actor = {
    type: "member",
    organisationId: org.id,
    userId: "u",
    memberId: "m",
    role: "owner",
    label: "owner@acme.test",
    name: "Owner",
    ip: null,
    userAgent: null,
  };
  return { organisationId: org.id, environmentId, otherEnvironmentId, owner };
}
