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
  /** Two-factor sign-in is on. */
  mfa: boolean;
  /** Still on a temporary password. */
  temporaryPassword: boolean;
};

/**
 * Creates a user with a password credential and makes them a member. The platform's own step
 * (first run) and addMember's storage: no right is checked and nothing audited here.
 */
export async function createMemberAccount(
  organisationId: string,
  input: { email: string; name: string; role: Role; password: string; temporary: boolean },
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
  const [member] = await db().$transaction([
    db().member.create({
      data: { organisationId, userId: user.id, role: input.role },
      select: { id: true },
    }),
    // A temporary password must be replaced at the first sign-in.
    db().user.update({ where: { id: user.id }, data: { mustChangePassword: input.temporary } }),
  ]);
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
      user: { select: { email: true, name: true, twoFactorEnabled: true, mustChangePassword: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    userId: r.userId,
    role: r.role as Role,
    createdAt: r.createdAt,
    email: r.user.email,
    name: r.user.name,
    mfa: r.user.twoFactorEnabled,
    temporaryPassword: r.user.mustChangePassword,
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
  const { memberId } = await createMemberAccount(actor.organisationId, {
    ...input,
    password,
    temporary: true,
  });
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

/** Removes a member; `confirmEmail` (the email typed in the console's confirmation) must match when given. */
export async function removeMember(actor: Actor, memberId: string, confirmEmail?: string) {
  assertActorCan(actor, "members", "edit");
  const member = await memberOf(actor.organisationId, memberId);
  if (confirmEmail !== undefined && confirmEmail !== member.user.email)
    throw new DomainError(`Type "${member.user.email}" to confirm.`, "invalid", {
      confirmName: "The email does not match.",
    });
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

/** Resetting an Owner's password or MFA needs an Owner; one's own account is changed on the Account page. */
async function memberToReset(actor: Actor, memberId: string, what: string) {
  const member = await memberOf(actor.organisationId, memberId);
  if (member.role === "owner" && !actsAsOwner(actor))
    throw new DomainError(`Only an Owner can reset an Owner's ${what}.`, "forbidden");
  if (actor.type === "member" && member.userId === actor.userId)
    throw new DomainError(`Change your own ${what} on the Account page.`, "conflict");
  return member;
}

/**
 * Gives a member a new temporary password (returned once, to hand over), which they must replace
 * at their next sign-in; every session of theirs ends.
 */
export async function resetMemberPassword(actor: Actor, memberId: string) {
  assertActorCan(actor, "members", "edit");
  const member = await memberToReset(actor, memberId, "password");
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  await db().$transaction([
    db().account.updateMany({
      where: { userId: member.userId, providerId: "credential" },
      data: { password: hash },
    }),
    db().user.update({ where: { id: member.userId }, data: { mustChangePassword: true } }),
    db().session.deleteMany({ where: { userId: member.userId } }),
  ]);
  await recordAudit(actor, {
    action: "member.reset_password",
    target: { type: "member", id: member.id, label: member.user.email },
  });
  return { email: member.user.email, temporaryPassword: password };
}

/**
 * Turns a member's two-factor sign-in off (a lost phone and no recovery code); every session of
 * theirs ends. Where the organisation requires it, they enrol again at their next sign-in.
 */
export async function resetMemberMfa(actor: Actor, memberId: string): Promise<void> {
  assertActorCan(actor, "members", "edit");
  const member = await memberToReset(actor, memberId, "two-factor sign-in");
  await db().$transaction([
    db().twoFactor.deleteMany({ where: { userId: member.userId } }),
    db().user.update({ where: { id: member.userId }, data: { twoFactorEnabled: false } }),
    db().session.deleteMany({ where: { userId: member.userId } }),
  ]);
  await recordAudit(actor, {
    action: "member.reset_mfa",
    target: { type: "member", id: member.id, label: member.user.email },
  });
}
