import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "../db";
import { recordAudit } from "../audit";
import type { Actor } from "../auth/actor";
import { actsAsOwner, assertActorCan, type Role } from "../auth/access";
import { getAuth, hashPassword } from "../auth/better-auth";
import { DomainError, parseInput } from "../result";
import { addMemberInput, roleSchema, type AddMemberInput } from "./schemas";

// Members of the actor's organisation. Every function checks the actor's right to the members
// resource; granting, changing or removing the Owner role needs an Owner (or the operator).

export type MemberView = {
  id: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
};

/**
 * Creates a user with a password credential and makes them a member. The platform's own step
 * (first run) and addMember's storage: no right is checked and nothing audited here.
 */
export async function createMemberAccount(
  organisationId: string,
  input: { email: string; name: string; role: Role; password: string },
): Promise<{ memberId: string; userId: string }> {
  const ctx = await (await getAuth()).$context;
  const user = await ctx.internalAdapter.createUser(
    { email: input.email, name: input.name, emailVerified: true },
    { method: "admin" },
  );
  await ctx.internalAdapter.linkAccount({
    userId: user.id,
    providerId: "credential",
    accountId: user.id,
    password: await hashPassword(input.password),
  });
  const member = await db().member.create({
    data: { organisationId, userId: user.id, role: input.role },
    select: { id: true },
  });
  return { memberId: member.id, userId: user.id };
}

export async function listMembers(actor: Actor): Promise<MemberView[]> {
  assertActorCan(actor, "members", "view");
  const rows = await db().member.findMany({
    where: { organisationId: actor.organisationId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      userId: true,
      role: true,
      createdAt: true,
      user: { select: { email: true, name: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    userId: r.userId,
    role: r.role as Role,
    createdAt: r.createdAt,
    ...r.user,
  }));
}

function temporaryPassword(): string {
  return randomBytes(15).toString("base64url");
}

/** Adds a member with a temporary password, returned once so the admin can hand it over. */
export async function addMember(actor: Actor, raw: AddMemberInput) {
  assertActorCan(actor, "members", "edit");
  const input = parseInput(addMemberInput, raw);
  if (input.role === "owner" && !actsAsOwner(actor)) {
    throw new DomainError("Only an Owner can add another Owner.", "forbidden", {
      role: "Only an Owner can add another Owner.",
    });
  }
  const existing = await db().user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing)
    throw new DomainError("A member with this email already exists.", "conflict", {
      email: "A member with this email already exists.",
    });
  const password = temporaryPassword();
  const { memberId } = await createMemberAccount(actor.organisationId, { ...input, password });
  await recordAudit(actor, {
    action: "member.add",
    target: { type: "member", id: memberId, label: input.email },
    details: { role: input.role },
  });
  return { memberId, email: input.email, temporaryPassword: password };
}

async function memberOf(organisationId: string, memberId: string) {
  const member = await db().member.findFirst({
    where: { id: memberId, organisationId },
    select: { id: true, userId: true, role: true, user: { select: { email: true } } },
  });
  if (!member) throw new DomainError("This member no longer exists.", "not_found");
  return { ...member, role: member.role as Role };
}

async function assertNotLastOwner(organisationId: string, member: { role: Role }) {
  if (member.role !== "owner") return;
  const owners = await db().member.count({ where: { organisationId, role: "owner" } });
  if (owners <= 1) throw new DomainError("The organisation needs at least one Owner.", "conflict");
}

export async function changeMemberRole(actor: Actor, memberId: string, newRole: Role) {
  assertActorCan(actor, "members", "edit");
  const role = parseInput(roleSchema, newRole);
  const member = await memberOf(actor.organisationId, memberId);
  if ((member.role === "owner" || role === "owner") && !actsAsOwner(actor)) {
    throw new DomainError("Only an Owner can grant or remove the Owner role.", "forbidden");
  }
  if (member.role === role) return;
  if (role !== "owner") await assertNotLastOwner(actor.organisationId, member);
  await db().member.update({ where: { id: member.id }, data: { role } });
  await recordAudit(actor, {
    action: "member.change_role",
    target: { type: "member", id: member.id, label: member.user.email },
    details: { from: member.role, to: role },
  });
}

export async function removeMember(actor: Actor, memberId: string) {
  assertActorCan(actor, "members", "edit");
  const member = await memberOf(actor.organisationId, memberId);
  if (member.role === "owner" && !actsAsOwner(actor)) {
    throw new DomainError("Only an Owner can remove an Owner.", "forbidden");
  }
  if (actor.type === "member" && member.userId === actor.userId)
    throw new DomainError("You cannot remove yourself.", "conflict");
  await assertNotLastOwner(actor.organisationId, member);
  await db().$transaction([
    db().session.deleteMany({ where: { userId: member.userId } }),
    db().member.delete({ where: { id: member.id } }),
    db().user.delete({ where: { id: member.userId } }),
  ]);
  await recordAudit(actor, {
    action: "member.remove",
    target: { type: "member", id: member.id, label: member.user.email },
    details: { role: member.role },
  });
}
