import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit";
import type { Actor } from "../auth/actor";
import { assertActorCan } from "../auth/access";
import { DomainError, parseInput } from "../result";
import { requireMfaInput, type RequireMfaInput } from "./schemas";

// The organisation's sign-in policy (Organisation settings, Owner only).

export async function organisationRequiresMfa(organisationId: string): Promise<boolean> {
  const organisation = await db().organisation.findUnique({
    where: { id: organisationId },
    select: { requireMfa: true },
  });
  return organisation?.requireMfa ?? false;
}

/**
 * Requires (or stops requiring) two-factor sign-in for every member. Members without it are sent
 * to enrol after their next sign-in (and on their next page). An Owner turning it on must have
 * it already, so they cannot shut themselves out mid-way.
 */
export async function setRequireMfa(actor: Actor, raw: RequireMfaInput): Promise<void> {
  assertActorCan(actor, "settings", "edit");
  const { requireMfa } = parseInput(requireMfaInput, raw);
  if (requireMfa && actor.type === "member") {
    const user = await db().user.findUnique({
      where: { id: actor.userId },
      select: { twoFactorEnabled: true },
    });
    if (!user?.twoFactorEnabled)
      throw new DomainError(
        "Turn on two-factor sign-in for your own account first (Account page).",
        "conflict",
      );
  }
  if ((await organisationRequiresMfa(actor.organisationId)) === requireMfa) return;
  await db().organisation.update({ where: { id: actor.organisationId }, data: { requireMfa } });
  await recordAudit(actor, {
    action: requireMfa ? "organisation.require_mfa" : "organisation.stop_requiring_mfa",
    target: { type: "organisation", id: actor.organisationId },
  });
}
