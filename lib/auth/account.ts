import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit";
import { DomainError, parseInput } from "../result";
import type { Actor } from "./actor";
import { getAuth, hashPassword } from "./better-auth";
import { sessionIdleSeconds } from "./config";
import { reserveOwnPasswordCheck } from "./sign-in-throttle";
import { describeUserAgent } from "./user-agent";
import {
  changePasswordInput,
  replaceTemporaryPasswordInput,
  type ChangePasswordInput,
  type ReplaceTemporaryPasswordInput,
} from "./schemas";

// The signed-in member's own account: password and console sessions. Each function acts on the
// actor's own user only, so the actor must be a member (no role is needed for one's own account).

export type Member = Actor & { type: "member" };

export function assertOwnAccount(actor: Actor): asserts actor is Member {
  if (actor.type !== "member") throw new DomainError("Only a signed-in member has an account.", "forbidden");
}

export type SessionView = {
  id: string;
  device: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
};

/** Whether the member must replace a temporary password before using the console. */
export async function mustChangePassword(userId: string): Promise<boolean> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { mustChangePassword: true } });
  return user?.mustChangePassword ?? false;
}

async function storedPasswordHash(userId: string): Promise<string | null> {
  const account = await db().account.findFirst({
    where: { userId, providerId: "credential" },
    select: { password: true },
  });
  return account?.password ?? null;
}

/**
 * Stores a new password for the member, clears the temporary-password mark and ends every other
 * console session of theirs (the one the change came from stays). Returns how many ended.
 */
async function storePassword(actor: Member, password: string): Promise<number> {
  const hash = await hashPassword(password);
  const [, , ended] = await db().$transaction([
    db().account.updateMany({
      where: { userId: actor.userId, providerId: "credential" },
      data: { password: hash },
    }),
    db().user.update({ where: { id: actor.userId }, data: { mustChangePassword: false } }),
    db().session.deleteMany({
      where: { userId: actor.userId, ...(actor.sessionId ? { id: { not: actor.sessionId } } : {}) },
    }),
  ]);
  return ended.count;
}

/**
 * The member changes their password: the current one is checked (wrong guesses count towards
 * the sign-in throttle, so a borrowed session cannot try passwords), then every other session
 * of theirs ends.
 */
export async function changeOwnPassword(actor: Actor, raw: ChangePasswordInput): Promise<void> {
  assertOwnAccount(actor);
  const input = parseInput(changePasswordInput, raw);
  const reservation = await reserveOwnPasswordCheck(actor.label);
  const hash = await storedPasswordHash(actor.userId);
  const ctx = await (await getAuth()).$context;
  const matches = hash ? await ctx.password.verify({ hash, password: input.currentPassword }) : false;
  if (!matches) {
    await recordAudit(actor, {
      action: "account.change_password_failed",
      target: { type: "user", id: actor.userId, label: actor.label },
    });
    throw new DomainError("The current password is not correct.", "invalid", {
      currentPassword: "The current password is not correct.",
    });
  }
  await reservation.release();
  const ended = await storePassword(actor, input.newPassword);
  await recordAudit(actor, {
    action: "account.change_password",
    target: { type: "user", id: actor.userId, label: actor.label },
    details: { otherSessionsEnded: ended },
  });
}

/**
 * The change a temporary password leads to: the member signed in with it moments ago, so it is
 * not asked again; only possible while the account is marked as having a temporary password.
 */
export async function replaceTemporaryPassword(
  actor: Actor,
  raw: ReplaceTemporaryPasswordInput,
): Promise<void> {
  assertOwnAccount(actor);
  const input = parseInput(replaceTemporaryPasswordInput, raw);
  if (!(await mustChangePassword(actor.userId)))
    throw new DomainError("Your password is not a temporary one. Change it on the Account page.", "conflict");
  const hash = await storedPasswordHash(actor.userId);
  const ctx = await (await getAuth()).$context;
  if (hash && (await ctx.password.verify({ hash, password: input.newPassword })))
    throw new DomainError("Choose a password different from the temporary one.", "invalid", {
      newPassword: "Choose a password different from the temporary one.",
    });
  const ended = await storePassword(actor, input.newPassword);
  await recordAudit(actor, {
    action: "account.replace_temporary_password",
    target: { type: "user", id: actor.userId, label: actor.label },
    details: { otherSessionsEnded: ended },
  });
}

/** The member's console sessions that can still be used, the most recently seen first. */
export async function listOwnSessions(actor: Actor, now = new Date()): Promise<SessionView[]> {
  assertOwnAccount(actor);
  const rows = await db().session.findMany({
    where: {
      userId: actor.userId,
      expiresAt: { gt: now },
      lastSeenAt: { gt: new Date(now.getTime() - sessionIdleSeconds() * 1000) },
    },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, userAgent: true, ipAddress: true, createdAt: true, lastSeenAt: true },
  });
  return rows
    .map((row) => ({
      id: row.id,
      device: describeUserAgent(row.userAgent),
      userAgent: row.userAgent,
      ip: row.ipAddress,
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
      current: row.id === actor.sessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Signs one of the member's other sessions out. */
export async function signOutOwnSession(actor: Actor, sessionId: string): Promise<void> {
  assertOwnAccount(actor);
  if (sessionId === actor.sessionId)
    throw new DomainError("This is the session you are using. Use Sign out in the account menu.", "conflict");
  const { count } = await db().session.deleteMany({ where: { id: sessionId, userId: actor.userId } });
  if (count === 0) throw new DomainError("This session has already ended.", "not_found");
  await recordAudit(actor, {
    action: "account.sign_out_session",
    target: { type: "session", id: sessionId, label: actor.label },
  });
}

/** Signs every session of the member's out except the one in use. Returns how many ended. */
export async function signOutOtherSessions(actor: Actor): Promise<number> {
  assertOwnAccount(actor);
  const { count } = await db().session.deleteMany({
    where: { userId: actor.userId, ...(actor.sessionId ? { id: { not: actor.sessionId } } : {}) },
  });
  await recordAudit(actor, {
    action: "account.sign_out_other_sessions",
    target: { type: "user", id: actor.userId, label: actor.label },
    details: { sessionsEnded: count },
  });
  return count;
}
