import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ensureFirstRun } from "@/lib/organisations/first-run";
import { addMember, resetMemberMfa, resetMemberPassword } from "@/lib/organisations/members";
import { setRequireMfa } from "@/lib/organisations/security";
import { listAudit } from "@/lib/audit";
import { getAuth } from "@/lib/auth/better-auth";
import { hashSessionToken } from "@/lib/auth/session-token-hash";
import { resolveConsoleSession } from "@/lib/auth/session";
import { signIn, verifySignInCode } from "@/lib/auth/sign-in";
import { signInThrottle } from "@/lib/auth/config";
import {
  changeOwnPassword,
  listOwnSessions,
  replaceTemporaryPassword,
  signOutOtherSessions,
  signOutOwnSession,
} from "@/lib/auth/account";
import { confirmMfaEnrolment, startMfaEnrolment } from "@/lib/auth/mfa";
import { PASSWORD_COMMON, PASSWORD_TOO_SHORT } from "@/lib/auth/password-policy";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/result";
import {
  DATABASE_KINDS,
  resetProcessState,
  stopPostgres,
  useFreshDatabase,
} from "@/test-support/test-database";

type Member = Actor & { type: "member" };

afterAll(async () => {
  await resetProcessState();
  stopPostgres();
});

/** Signs in through better-auth as a browser would; the session cookie and its row's id. */
async function browserSession(email: string, password: string, userAgent = "vitest") {
  const auth = await getAuth();
  const { headers, response } = await auth.api.signInEmail({
    body: { email, password },
    headers: new Headers({ "user-agent": userAgent }),
    returnHeaders: true,
  });
  if (!("token" in response) || !response.token) throw new Error("no session: two-factor sign-in pending");
  const cookie = (headers.get("set-cookie") ?? "").split(";")[0];
  const row = await db().session.findFirstOrThrow({
    where: { token: hashSessionToken(response.token) },
    select: { id: true },
  });
  return { cookie, sessionId: row.id, headers: new Headers({ cookie }) };
}

async function memberActor(email: string, sessionId?: string): Promise<Member> {
  const member = await db().member.findFirstOrThrow({
    where: { user: { email } },
    select: { id: true, userId: true, organisationId: true, role: true, user: { select: { name: true } } },
  });
  return {
    type: "member",
    organisationId: member.organisationId,
    userId: member.userId,
    memberId: member.id,
    role: member.role as Member["role"],
    label: email,
    name: member.user.name,
    sessionId,
    ip: "127.0.0.1",
    userAgent: "vitest",
  };
}

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string> | undefined> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.fieldErrors;
    throw error;
  }
  throw new Error("expected a refusal");
}

async function actions(owner: Member, prefix: string) {
  const { events } = await listAudit(owner, { action: prefix }, { take: 100, skip: 0 });
  return events;
}

describe.each(DATABASE_KINDS)("accounts on %s", (kind) => {
  let owner: Member;

  beforeAll(async () => {
    await useFreshDatabase(kind);
    process.env.WORKBENCH_ADMIN_EMAIL = "owner@example.test";
    process.env.WORKBENCH_ADMIN_PASSWORD = "owner-password-for-tests";
    await ensureFirstRun(() => {});
    owner = await memberActor("owner@example.test");
  });

  it("a password chosen by the operator is not temporary; a new member's is, until replaced", async () => {
    expect(
      await db().user.findUniqueOrThrow({
        where: { email: "owner@example.test" },
        select: { mustChangePassword: true },
      }),
    ).toEqual({ mustChangePassword: false });

    const { temporaryPassword } = await addMember(owner, {
      email: "new@example.test",
      name: "New",
      role: "editor",
    });
    const first = await browserSession("new@example.test", temporaryPassword, "first browser");
    const second = await browserSession("new@example.test", temporaryPassword, "second browser");
    const session = await resolveConsoleSession(first.headers);
    expect(session).toMatchObject({ status: "signed-in", pending: "password" });

    const member = await memberActor("new@example.test", first.sessionId);
    expect(
      await fieldErrorsOf(
        replaceTemporaryPassword(member, { newPassword: "short", confirmPassword: "short" }),
      ),
    ).toEqual({ newPassword: PASSWORD_TOO_SHORT });
    expect(
      await fieldErrorsOf(
        replaceTemporaryPassword(member, { newPassword: "qwerty123456", confirmPassword: "qwerty123456" }),
      ),
    ).toEqual({ newPassword: PASSWORD_COMMON });
    expect(
      await fieldErrorsOf(
        replaceTemporaryPassword(member, {
          newPassword: temporaryPassword,
          confirmPassword: temporaryPassword,
        }),
      ),
    ).toEqual({ newPassword: "Choose a password different from the temporary one." });

    await replaceTemporaryPassword(member, {
      newPassword: "new-member-own-password",
      confirmPassword: "new-member-own-password",
    });
    expect(await resolveConsoleSession(first.headers)).toMatchObject({ status: "signed-in", pending: null });
    // The other browser signed in with the temporary password is signed out.
    expect(await resolveConsoleSession(second.headers)).toEqual({ status: "signed-out" });
    // Only once: afterwards the Account page's change (with the current password) applies.
    await expect(
      replaceTemporaryPassword(member, {
        newPassword: "another-own-password",
        confirmPassword: "another-own-password",
      }),
    ).rejects.toThrow("not a temporary one");
    await expect(
      signIn(
        { email: "new@example.test", password: temporaryPassword },
        { ip: "127.0.0.3", userAgent: "vitest", headers: new Headers() },
      ),
    ).rejects.toThrow("Email or password is incorrect.");
    expect((await actions(owner, "account.replace_temporary_password"))[0]).toMatchObject({
      actorLabel: "new@example.test",
      details: { otherSessionsEnded: 1 },
    });
  });

  it("reads a console session from its signed cookie exactly as better-auth's getSession does", async () => {
    const auth = await getAuth();
    const { cookie, sessionId } = await browserSession("owner@example.test", "owner-password-for-tests");
    const [name, value] = [cookie.slice(0, cookie.indexOf("=")), cookie.slice(cookie.indexOf("=") + 1)];
    const withCookie = (v: string) => new Headers({ cookie: `other=1; ${name}=${v}` });
    const both = async (headers: Headers) => ({
      ours: await resolveConsoleSession(headers),
      theirs: await auth.api.getSession({ headers }),
    });

    const valid = await both(withCookie(value));
    const user = await db().user.findUniqueOrThrow({ where: { email: "owner@example.test" } });
    expect(valid.ours).toMatchObject({
      status: "signed-in",
      sessionId,
      userId: user.id,
      email: user.email,
      name: user.name,
    });
    expect(valid.theirs).toMatchObject({
      session: { id: sessionId },
      user: { id: user.id, email: user.email },
    });

    // Refused by both: no cookie, a changed signature, a signature moved to another token, a token
    // without a signature, and the cookie under another name.
    const raw = decodeURIComponent(value);
    const [token, signature] = [raw.slice(0, raw.lastIndexOf(".")), raw.slice(raw.lastIndexOf(".") + 1)];
    const flipped = `${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`;
    for (const headers of [
      new Headers(),
      withCookie(encodeURIComponent(`${token}.${flipped}`)),
      withCookie(encodeURIComponent(`${token.slice(1)}x.${signature}`)),
      withCookie(token),
      new Headers({ cookie: `workbench.session=${value}` }),
    ]) {
      const refused = await both(headers);
      expect(refused.ours).toEqual({ status: "signed-out" });
      expect(refused.theirs).toBeNull();
    }

    // Past its absolute lifetime (12 hours): refused, and the row is gone.
    await db().session.update({ where: { id: sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resolveConsoleSession(withCookie(value))).toEqual({ status: "signed-out" });
    expect(await db().session.count({ where: { id: sessionId } })).toBe(0);
    expect(await auth.api.getSession({ headers: withCookie(value) })).toBeNull();

    // Signed out: the same cookie is dead for both.
    const again = await browserSession("owner@example.test", "owner-password-for-tests");
    expect(await resolveConsoleSession(again.headers)).toMatchObject({ status: "signed-in" });
    await auth.api.signOut({ headers: again.headers });
    expect(await resolveConsoleSession(again.headers)).toEqual({ status: "signed-out" });
    expect(await auth.api.getSession({ headers: again.headers })).toBeNull();
  });

  it("changing the password needs the current one, refuses weak ones and signs out the other sessions", async () => {
    await addMember(owner, { email: "changer@example.test", name: "Changer", role: "viewer" }).then(
      async ({ temporaryPassword }) => {
        const s = await browserSession("changer@example.test", temporaryPassword);
        await replaceTemporaryPassword(await memberActor("changer@example.test", s.sessionId), {
          newPassword: "changer-first-password",
          confirmPassword: "changer-first-password",
        });
      },
    );
    const here = await browserSession("changer@example.test", "changer-first-password", "here");
    const there = await browserSession("changer@example.test", "changer-first-password", "there");
    const member = await memberActor("changer@example.test", here.sessionId);

    const sessions = await listOwnSessions(member);
    // This one first; then "there" and the session the temporary password was replaced in.
    expect(sessions.map((s) => s.current)).toEqual([true, false, false]);
    expect(sessions[0]).toMatchObject({ id: here.sessionId, userAgent: "here" });

    expect(
      await fieldErrorsOf(
        changeOwnPassword(member, {
          currentPassword: "not-my-password",
          newPassword: "changer-second-password",
          confirmPassword: "changer-second-password",
        }),
      ),
    ).toEqual({ currentPassword: "The current password is not correct." });
    expect(
      await fieldErrorsOf(
        changeOwnPassword(member, {
          currentPassword: "changer-first-password",
          newPassword: "1qaz2wsx3edc",
          confirmPassword: "1qaz2wsx3edc",
        }),
      ),
    ).toEqual({ newPassword: PASSWORD_COMMON });

    await changeOwnPassword(member, {
      currentPassword: "changer-first-password",
      newPassword: "changer-second-password",
      confirmPassword: "changer-second-password",
    });
    expect(await resolveConsoleSession(here.headers)).toMatchObject({ status: "signed-in" });
    expect(await resolveConsoleSession(there.headers)).toEqual({ status: "signed-out" });
    expect((await listOwnSessions(member)).map((s) => s.id)).toEqual([here.sessionId]);
    await expect(browserSession("changer@example.test", "changer-first-password")).rejects.toThrow();
    await browserSession("changer@example.test", "changer-second-password");

    const audit = (await actions(owner, "account.")).filter((e) => e.actorLabel === "changer@example.test");
    expect(audit.map((e) => e.action).sort()).toEqual([
      "account.change_password",
      "account.change_password_failed",
      "account.replace_temporary_password",
    ]);
    // A full action name filters for exactly that action.
    expect((await actions(owner, "account.change_password")).map((e) => e.action)).toEqual([
      "account.change_password",
    ]);
    expect(JSON.stringify(audit)).not.toContain("changer-second-password");
  });

  it("a member signs out one other session, or all of them, but never someone else's", async () => {
    const { temporaryPassword } = await addMember(owner, {
      email: "many@example.test",
      name: "Many",
      role: "viewer",
    });
    const a = await browserSession("many@example.test", temporaryPassword, "a");
    const b = await browserSession("many@example.test", temporaryPassword, "b");
    const c = await browserSession("many@example.test", temporaryPassword, "c");
    const member = await memberActor("many@example.test", a.sessionId);
    await signOutOwnSession(member, b.sessionId);
    expect(await resolveConsoleSession(b.headers)).toEqual({ status: "signed-out" });
    await expect(signOutOwnSession(member, a.sessionId)).rejects.toThrow("the session you are using");

    const ownerSession = await browserSession("owner@example.test", "owner-password-for-tests");
    await expect(signOutOwnSession(member, ownerSession.sessionId)).rejects.toThrow("already ended");
    expect(await resolveConsoleSession(ownerSession.headers)).toMatchObject({ status: "signed-in" });

    expect(await signOutOtherSessions(member)).toBe(1);
    expect(await resolveConsoleSession(c.headers)).toEqual({ status: "signed-out" });
    expect(await resolveConsoleSession(a.headers)).toMatchObject({ status: "signed-in" });
  });

  it("an Owner/Admin resets a member's password: temporary again, signed out, audited without the password", async () => {
    const { memberId, temporaryPassword } = await addMember(owner, {
      email: "forgetful@example.test",
      name: "Forgetful",
      role: "editor",
    });
    const session = await browserSession("forgetful@example.test", temporaryPassword);
    const reset = await resetMemberPassword(owner, memberId);
    expect(reset.temporaryPassword).not.toBe(temporaryPassword);
    expect(reset.temporaryPassword.length).toBeGreaterThanOrEqual(16);
    expect(await resolveConsoleSession(session.headers)).toEqual({ status: "signed-out" });
    await expect(browserSession("forgetful@example.test", temporaryPassword)).rejects.toThrow();
    const again = await browserSession("forgetful@example.test", reset.temporaryPassword);
    expect(await resolveConsoleSession(again.headers)).toMatchObject({ pending: "password" });

    const [event] = await actions(owner, "member.reset_password");
    expect(event).toMatchObject({ actorLabel: "owner@example.test", targetLabel: "forgetful@example.test" });
    expect(JSON.stringify(event)).not.toContain(reset.temporaryPassword);

    // An Admin cannot reset an Owner's password (and so take the account over), nor their own here.
    const admin = await addMember(owner, { email: "admin@example.test", name: "Admin", role: "admin" });
    const adminActor = { ...(await memberActor("admin@example.test")), memberId: admin.memberId };
    await expect(resetMemberPassword(adminActor, owner.memberId)).rejects.toThrow(
      "Only an Owner can reset an Owner's password.",
    );
    await expect(resetMemberPassword(adminActor, admin.memberId)).rejects.toThrow("Account page");
    const editor = { ...adminActor, role: "editor" as const };
    await expect(resetMemberPassword(editor, memberId)).rejects.toThrow("cannot change members");
  });

  it("TOTP: enrolment with a code, sign-in asks for one, wrong codes count towards the throttle, recovery codes work once", async () => {
    const { temporaryPassword } = await addMember(owner, {
      email: "mfa@example.test",
      name: "MFA",
      role: "viewer",
    });
    const s = await browserSession("mfa@example.test", temporaryPassword);
    const member = await memberActor("mfa@example.test", s.sessionId);
    await replaceTemporaryPassword(member, {
      newPassword: "mfa-member-password",
      confirmPassword: "mfa-member-password",
    });

    expect(await fieldErrorsOf(startMfaEnrolment(member, { password: "wrong-password" }, s.headers))).toEqual(
      {
        password: "The password is not correct.",
      },
    );
    const enrolment = await startMfaEnrolment(member, { password: "mfa-member-password" }, s.headers);
    expect(enrolment.qrCode).toMatch(/^data:image\/png;base64,/);
    expect(enrolment.recoveryCodes).toHaveLength(10);
    const secret = enrolment.manualKey.replace(/ /g, "");
    // Not on until a code confirms it.
    expect((await db().user.findUniqueOrThrow({ where: { id: member.userId } })).twoFactorEnabled).toBe(
      false,
    );
    await expect(confirmMfaEnrolment(member, { code: "000000" }, s.headers)).rejects.toThrow(
      "The code is not valid.",
    );
    await confirmMfaEnrolment(member, { code: await generate({ secret }) }, s.headers);
    expect((await db().user.findUniqueOrThrow({ where: { id: member.userId } })).twoFactorEnabled).toBe(true);
    // Stored encrypted, never as the key the member typed in.
    const stored = await db().twoFactor.findFirstOrThrow({ where: { userId: member.userId } });
    expect(stored.secret).not.toContain(secret);
    expect(stored.backupCodes).not.toContain(enrolment.recoveryCodes[0]);

    // Password first: no session yet, only the pending sign-in's cookie.
    const request = (cookie = "") => ({
      ip: "127.0.0.9",
      userAgent: "vitest",
      headers: new Headers({ cookie }),
    });
    const auth = await getAuth();
    const pendingSignIn = async () => {
      const { headers, response } = await auth.api.signInEmail({
        body: { email: "mfa@example.test", password: "mfa-member-password" },
        headers: new Headers(),
        returnHeaders: true,
      });
      expect(response).toMatchObject({ twoFactorRedirect: true });
      return headers
        .getSetCookie()
        .map((c) => c.split(";")[0].trim())
        .filter((c) => c.includes("two_factor=") && !c.endsWith("="))
        .join("; ");
    };
    expect(await signIn({ email: "mfa@example.test", password: "mfa-member-password" }, request())).toBe(
      "second-factor",
    );
    const cookie = await pendingSignIn();
    expect(cookie).toContain("two_factor=");
    await expect(verifySignInCode({ method: "totp", code: "000000" }, request(cookie))).rejects.toThrow(
      "The code is not valid.",
    );
    await expect(
      verifySignInCode({ method: "recovery", code: "nope-nope" }, request(cookie)),
    ).rejects.toThrow("The recovery code is not valid.");
    const failed = (await actions(owner, "auth.sign_in_failed")).filter(
      (e) => e.targetLabel === "mfa@example.test",
    );
    expect(failed.map((e) => e.details.factor).sort()).toEqual(["recovery", "totp"]);

    await verifySignInCode({ method: "recovery", code: enrolment.recoveryCodes[0] }, request(cookie));
    // Audited as a sign-in (by recovery code); the filter for it lists no failures.
    const signIns = await actions(owner, "auth.sign_in");
    expect(signIns.map((e) => e.action)).toEqual(["auth.sign_in"]);
    expect(signIns[0]).toMatchObject({ targetLabel: "mfa@example.test", details: { factor: "recovery" } });
    // A recovery code works once.
    await expect(
      verifySignInCode(
        { method: "recovery", code: enrolment.recoveryCodes[0] },
        request(await pendingSignIn()),
      ),
    ).rejects.toThrow("The recovery code is not valid.");

    // Wrong codes and wrong passwords share one limit per account.
    const { maxFailures } = signInThrottle();
    let refused = "";
    for (let i = 0; i < maxFailures + 1 && !refused; i++) {
      await verifySignInCode({ method: "totp", code: "000000" }, request(await pendingSignIn())).catch(
        (error: Error) => {
          if (error.message.startsWith("Too many failed sign-in attempts")) refused = error.message;
        },
      );
    }
    expect(refused).toMatch(/^Too many failed sign-in attempts/);
    await expect(
      signIn({ email: "mfa@example.test", password: "mfa-member-password" }, request()),
    ).rejects.toThrow(/^Too many failed sign-in attempts/);
    expect((await actions(owner, "account.mfa_enable"))[0]).toMatchObject({ actorLabel: "mfa@example.test" });
  });

  it("an Owner requires MFA once enrolled; members without it are sent to enrol; an Admin resets a member's MFA", async () => {
    await expect(setRequireMfa(owner, { requireMfa: true })).rejects.toThrow("Turn on two-factor sign-in");
    const { temporaryPassword, memberId } = await addMember(owner, {
      email: "plain@example.test",
      name: "Plain",
      role: "viewer",
    });
    const plain = await browserSession("plain@example.test", temporaryPassword);
    await replaceTemporaryPassword(await memberActor("plain@example.test", plain.sessionId), {
      newPassword: "plain-member-password",
      confirmPassword: "plain-member-password",
    });

    // The Owner enrols, then requires it.
    const ownerSession = await browserSession("owner@example.test", "owner-password-for-tests");
    const ownerActor = await memberActor("owner@example.test", ownerSession.sessionId);
    const enrolment = await startMfaEnrolment(
      ownerActor,
      { password: "owner-password-for-tests" },
      ownerSession.headers,
    );
    await confirmMfaEnrolment(
      ownerActor,
      { code: await generate({ secret: enrolment.manualKey.replace(/ /g, "") }) },
      ownerSession.headers,
    );
    const viewer = { ...(await memberActor("plain@example.test")), role: "viewer" as const };
    await expect(setRequireMfa(viewer, { requireMfa: true })).rejects.toThrow(
      "cannot change organisation settings",
    );
    await setRequireMfa(ownerActor, { requireMfa: true });
    expect(await resolveConsoleSession(plain.headers)).toMatchObject({ status: "signed-in", pending: "mfa" });
    expect((await actions(owner, "organisation.require_mfa")).length).toBe(1);

    // The member enrols: nothing pending any more.
    const plainActor = await memberActor("plain@example.test", plain.sessionId);
    const own = await startMfaEnrolment(plainActor, { password: "plain-member-password" }, plain.headers);
    await confirmMfaEnrolment(
      plainActor,
      { code: await generate({ secret: own.manualKey.replace(/ /g, "") }) },
      plain.headers,
    );
    expect(await db().user.findFirstOrThrow({ where: { email: "plain@example.test" } })).toMatchObject({
      twoFactorEnabled: true,
    });

    // Lost phone: an Admin resets it; the member is signed out and owes enrolment again.
    const admin = await memberActor("admin@example.test");
    await resetMemberMfa(admin, memberId);
    expect(await db().twoFactor.count({ where: { user: { email: "plain@example.test" } } })).toBe(0);
    expect(await db().session.count({ where: { user: { email: "plain@example.test" } } })).toBe(0);
    const back = await browserSession("plain@example.test", "plain-member-password");
    expect(await resolveConsoleSession(back.headers)).toMatchObject({ pending: "mfa" });
    await expect(resetMemberMfa(admin, owner.memberId)).rejects.toThrow("Only an Owner");
    expect((await actions(owner, "member.reset_mfa"))[0]).toMatchObject({
      actorLabel: "admin@example.test",
      targetLabel: "plain@example.test",
    });
    await setRequireMfa(ownerActor, { requireMfa: false });
    expect(await resolveConsoleSession(back.headers)).toMatchObject({ pending: null });
  });
});

describe.each(DATABASE_KINDS)("first run with a generated password on %s", (kind) => {
  beforeAll(async () => {
    await useFreshDatabase(kind);
  });

  it("prints the password once and marks it temporary: the Owner chooses their own at the first sign-in", async () => {
    const saved = process.env.WORKBENCH_ADMIN_PASSWORD;
    delete process.env.WORKBENCH_ADMIN_PASSWORD;
    try {
      const lines: string[] = [];
      await ensureFirstRun((line) => lines.push(line));
      const password = /with the password (\S+)/.exec(lines.join("\n"))?.[1];
      expect(password).toBeTruthy();
      expect(lines.join("\n")).toContain("choose your own password when asked");
      const email = /Sign in as (\S+)/.exec(lines.join("\n"))?.[1];
      const session = await browserSession(email!, password!);
      expect(await resolveConsoleSession(session.headers)).toMatchObject({
        status: "signed-in",
        role: "owner",
        pending: "password",
      });
    } finally {
      process.env.WORKBENCH_ADMIN_PASSWORD = saved;
    }
  });
});
