import "server-only";
import { db } from "../db";
import { getAuth } from "./better-auth";
import { isRole, type Role } from "./access";
import { sessionIdleSeconds } from "./config";

export type PendingStep = "password" | "mfa";

export type ConsoleSession =
  | {
      status: "signed-in";
      sessionId: string;
      userId: string;
      memberId: string;
      organisationId: string;
      role: Role;
      email: string;
      name: string;
      /**
       * What the member must do before using the console: replace a temporary password, or
       * enrol in two-factor sign-in because the organisation requires it. Null when nothing.
       */
      pending: PendingStep | null;
    }
  | { status: "signed-out" }
  | { status: "idle-expired" };

// lastSeenAt is written at most this often (and well within the idle period), so browsing
// is not a write per request.
function touchEveryMs(): number {
  return Math.min(15_000, (sessionIdleSeconds() * 1000) / 4);
}

/**
 * Resolves the console session from request headers and enforces the idle timeout: a session
 * not seen for WORKBENCH_SESSION_IDLE_MINUTES is deleted and reported as expired.
 */
export async function resolveConsoleSession(headers: Headers, now = new Date()): Promise<ConsoleSession> {
  const auth = await getAuth();
  const found = await auth.api.getSession({ headers });
  if (!found) return { status: "signed-out" };
  const row = await db().session.findUnique({
    where: { id: found.session.id },
    select: { lastSeenAt: true },
  });
  if (!row) return { status: "signed-out" };
  const idleMs = now.getTime() - row.lastSeenAt.getTime();
  if (idleMs > sessionIdleSeconds() * 1000) {
    await db().session.deleteMany({ where: { id: found.session.id } });
    return { status: "idle-expired" };
  }
  if (idleMs > touchEveryMs()) {
    await db().session.update({ where: { id: found.session.id }, data: { lastSeenAt: now } });
  }
  const member = await db().member.findFirst({
    where: { userId: found.user.id },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      organisationId: true,
      role: true,
      organisation: { select: { requireMfa: true } },
      user: { select: { mustChangePassword: true, twoFactorEnabled: true } },
    },
  });
  if (!member || !isRole(member.role)) return { status: "signed-out" };
  const pending: PendingStep | null = member.user.mustChangePassword
    ? "password"
    : member.organisation.requireMfa && !member.user.twoFactorEnabled
      ? "mfa"
      : null;
  return {
    status: "signed-in",
    sessionId: found.session.id,
    userId: found.user.id,
    memberId: member.id,
    organisationId: member.organisationId,
    role: member.role,
    email: found.user.email,
    name: found.user.name,
    pending,
  };
}
