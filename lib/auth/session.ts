import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { parseCookies } from "better-call";
import { db, processSingleton } from "../db";
import { dialectQuery, queryRows } from "../db/prepared";
import { getAuth } from "./better-auth";
import { hashSessionToken } from "./session-token-hash";
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

// Every console request: the session (by its token's hash, as stored), its user, the member's
// first membership (the oldest, as before) with its organisation's two-factor rule, and the
// user's pending steps, in one prepared statement of the driver.
const SESSION_MEMBER = dialectQuery("session.member", (d) => {
  const utc = (column: string) => (d === "postgres" ? `${column} AT TIME ZONE 'UTC'` : column);
  return `SELECT s."id" AS "sessionId", ${utc(`s."expiresAt"`)} AS "expiresAt", ${utc(`s."lastSeenAt"`)} AS "lastSeenAt",
       u."id" AS "userId", u."email", u."name",
       m."id" AS "memberId", m."organisationId", m."role", o."requireMfa",
       u."mustChangePassword", u."twoFactorEnabled"
     FROM "session" s
     JOIN "user" u ON u."id" = s."userId"
     LEFT JOIN "member" m ON m."id" = (
       SELECT m2."id" FROM "member" m2 WHERE m2."userId" = s."userId" ORDER BY m2."createdAt" ASC, m2."id" ASC LIMIT 1
     )
     LEFT JOIN "organisation" o ON o."id" = m."organisationId"
     WHERE s."token" = $1`;
});

type SessionMemberRow = {
  sessionId: string;
  expiresAt: Date;
  lastSeenAt: Date;
  userId: string;
  email: string;
  name: string;
  memberId: string | null;
  organisationId: string | null;
  role: string | null;
  requireMfa: boolean | number | null;
  mustChangePassword: boolean | number;
  twoFactorEnabled: boolean | number;
};

/**
 * The session token of the request's signed session cookie, or null when there is none or its
 * signature is not ours. better-auth signs the cookie as `<token>.<base64 HMAC-SHA256 of the
 * token under its secret>`; this is the check its `getSession` makes (better-call's
 * `getSignedCookie`), done with node:crypto in one synchronous call instead of WebCrypto's key
 * import and verify per request. `tests/integration/accounts.test.ts` holds the two to
 * the same answers.
 */
async function sessionToken(headers: Headers): Promise<string | null> {
  const cookies = headers.get("cookie");
  if (!cookies) return null;
  const { name, secret } = await sessionCookie();
  const value = parseCookies(cookies).get(name);
  if (!value) return null;
  const dot = value.lastIndexOf(".");
  if (dot < 1) return null;
  const signature = value.slice(dot + 1);
  if (signature.length !== 44 || !signature.endsWith("=")) return null;
  const token = value.slice(0, dot);
  const expected = createHmac("sha256", secret).update(token).digest();
  const given = Buffer.from(signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
}

/** better-auth's session cookie name (prefixed when secure) and its signing secret, read once. */
function sessionCookie(): Promise<{ name: string; secret: string }> {
  return processSingleton("auth.sessionCookie", async () => {
    const context = await (await getAuth()).$context;
    return { name: context.authCookies.sessionToken.name, secret: context.secret };
  });
}

/**
 * Resolves the console session from request headers and enforces the idle timeout: a session
 * not seen for WORKBENCH_SESSION_IDLE_MINUTES is deleted and reported as expired.
 */
export async function resolveConsoleSession(headers: Headers, now = new Date()): Promise<ConsoleSession> {
  // Read here rather than through better-auth's getSession (same cookie check, same row, same
  // expiry rule: sessions never refresh here, `disableSessionRefresh`), which cost every console
  // page ~3 ms of endpoint machinery and Prisma queries beside this statement.
  const token = await sessionToken(headers);
  if (!token) return { status: "signed-out" };
  const [row] = await queryRows<SessionMemberRow>(
    SESSION_MEMBER,
    [hashSessionToken(token)],
    ["expiresAt", "lastSeenAt"],
  );
  if (!row) return { status: "signed-out" };
  if (row.expiresAt.getTime() < now.getTime()) {
    // Past its absolute lifetime: removed, as better-auth removes an expired session it finds.
    await db().session.deleteMany({ where: { id: row.sessionId } });
    return { status: "signed-out" };
  }
  const idleMs = now.getTime() - row.lastSeenAt.getTime();
  if (idleMs > sessionIdleSeconds() * 1000) {
    await db().session.deleteMany({ where: { id: row.sessionId } });
    return { status: "idle-expired" };
  }
  if (idleMs > touchEveryMs()) {
    await db().session.update({ where: { id: row.sessionId }, data: { lastSeenAt: now } });
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
    sessionId: row.sessionId,
    userId: row.userId,
    memberId: member.id,
    organisationId: member.organisationId,
    role: member.role,
    email: row.email,
    name: row.name,
    pending,
  };
}
