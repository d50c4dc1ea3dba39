import "server-only";
import { db } from "../db";
import { dialectQuery, queryRows } from "../db/prepared";
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

// Every console request: the session's last activity, the member's first membership (the
// oldest, as before) with its organisation's two-factor rule, and the user's pending steps, in
// one prepared statement of the driver.
const SESSION_MEMBER = dialectQuery(
  "session.member",
  (d) => `SELECT ${d === "postgres" ? `s."lastSeenAt" AT TIME ZONE 'UTC'` : `s."lastSeenAt"`} AS "lastSeenAt",
       m."id" AS "memberId", m."organisationId", m."role", o."requireMfa",
       u."mustChangePassword", u."twoFactorEnabled"
     FROM "session" s
     JOIN "user" u ON u."id" = s."userId"
     LEFT JOIN "member" m ON m."id" = (
       SELECT m2."id" FROM "member" m2 WHERE m2."userId" = s."userId" ORDER BY m2."createdAt" ASC, m2."id" ASC LIMIT 1
     )
     LEFT JOIN "organisation" o ON o."id" = m."organisationId"
     WHERE s."id" = $1`,
);

/**
 * Resolves the console session from request headers and enforces the idle timeout: a session
 * not seen for WORKBENCH_SESSION_IDLE_MINUTES is deleted and reported as expired.
 */
export async function resolveConsoleSession(headers: Headers, now = new Date()): Promise<ConsoleSession> {
  const auth = await getAuth();
  const found = await auth.api.getSession({ headers });
  if (!found) return { status: "signed-out" };
  const [row] = await queryRows<{
    lastSeenAt: Date;
    memberId: string | null;
    organisationId: string | null;
    role: string | null;
    requireMfa: boolean | number | null;
    mustChangePassword: boolean | number;
    twoFactorEnabled: boolean | number;
  }>(SESSION_MEMBER, [found.session.id], ["lastSeenAt"]);
  if (!row) return { status: "signed-out" };
  const idleMs = now.getTime() - row.lastSeenAt.getTime();
  if (idleMs > sessionIdleSeconds() * 1000) {
    await db().session.deleteMany({ where: { id: found.session.id } });
    return { status: "idle-expired" };
  }
  if (idleMs > touchEveryMs()) {
    await db().session.update({ where: { id: found.session.id }, data: { lastSeenAt: now } });
  }
  const role = row.role;
  if (!row.memberId || !row.organisationId || !role || !isRole(role)) return { status: "signed-out" };
  // SQLite answers booleans as 0/1, PostgreSQL as booleans.
  const pending: PendingStep | null = Boolean(row.mustChangePassword)
    ? "password"
    : Boolean(row.requireMfa) && !row.twoFactorEnabled
      ? "mfa"
      : null;
  const member = { id: row.memberId, organisationId: row.organisationId, role };
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
