import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ensureFirstRun } from "@/lib/organisations/first-run";
import { addMember, changeMemberRole, listMembers, removeMember } from "@/lib/organisations/members";
import { listAudit } from "@/lib/audit";
import { signIn } from "@/lib/auth/sign-in";
import { getAuth } from "@/lib/auth/better-auth";
import { hashSessionToken } from "@/lib/auth/session-token-hash";
import { signInThrottle } from "@/lib/auth/config";
import type { Actor } from "@/lib/auth/actor";
import {
  DATABASE_KINDS,
  resetProcessState,
  stopPostgres,
  useFreshDatabase,
} from "@/test-support/test-database";

afterAll(async () => {
  await resetProcessState();
  stopPostgres();
});

describe.each(DATABASE_KINDS)("foundation on %s", (kind) => {
  let owner: Actor & { type: "member" };

  beforeAll(async () => {
    await useFreshDatabase(kind);
    process.env.WORKBENCH_ADMIN_EMAIL = "Owner@Example.test";
    process.env.WORKBENCH_ADMIN_PASSWORD = "correct horse battery";
    const lines: string[] = [];
    await ensureFirstRun((line) => lines.push(line));
    expect(lines.join("\n")).toContain("Sign in as owner@example.test");
    // The password came from the environment, so it is not printed.
    expect(lines.join("\n")).not.toContain("correct horse battery");
    const member = await db().member.findFirstOrThrow({
      select: { id: true, userId: true, organisationId: true },
    });
    owner = {
      type: "member",
      ...member,
      memberId: member.id,
      role: "owner",
      label: "owner@example.test",
      name: "Owner",
      ip: "127.0.0.1",
      userAgent: "vitest",
    };
  });

  it("first run creates the demo organisation once, with production and staging", async () => {
    await ensureFirstRun(() => {});
    await Promise.all([ensureFirstRun(() => {}), ensureFirstRun(() => {})]);
    expect(await db().organisation.count()).toBe(1);
    const environments = await db().environment.findMany({ select: { name: true }, orderBy: { id: "asc" } });
    expect(environments.map((e) => e.name)).toEqual(["production", "staging"]);
    const password = await db().account.findFirstOrThrow({ select: { password: true } });
    // better-auth's scrypt hash, never the password itself.
    expect(password.password).not.toContain("correct horse battery");
    expect(password.password?.length).toBeGreaterThan(60);
  });

  it("members are added, re-roled and removed, and every change is audited", async () => {
    const added = await addMember(owner, { email: "viewer@example.test", name: "Viewer", role: "viewer" });
    expect(added.temporaryPassword.length).toBeGreaterThanOrEqual(16);
    await expect(
      addMember(owner, { email: "viewer@example.test", name: "Again", role: "viewer" }),
    ).rejects.toThrow("A member with this email already exists.");
    await changeMemberRole(owner, added.memberId, "editor");
    expect((await listMembers(owner)).find((m) => m.email === "viewer@example.test")?.role).toBe("editor");
    // The email typed in the console's confirmation is checked on the server too: a mismatch
    // (another member's, other case, a trailing space) removes nobody.
    for (const typed of ["owner@example.test", "VIEWER@example.test", "viewer@example.test ", ""]) {
      const refused = await removeMember(owner, added.memberId, typed).catch((error: unknown) => error);
      expect(refused).toMatchObject({
        code: "invalid",
        fieldErrors: { confirmName: "The email does not match." },
      });
    }
    expect((await listMembers(owner)).map((m) => m.email).sort()).toEqual([
      "owner@example.test",
      "viewer@example.test",
    ]);
    await removeMember(owner, added.memberId, "viewer@example.test");
    expect((await listMembers(owner)).map((m) => m.email)).toEqual(["owner@example.test"]);

    const { events } = await listAudit(owner, { action: "member." }, { take: 10, skip: 0 });
    expect(events.map((e) => e.action).sort()).toEqual(["member.add", "member.change_role", "member.remove"]);
    expect(JSON.stringify(events)).not.toContain(added.temporaryPassword);
  });

  it("20 parallel wrong passwords for one account check at most the limit, then lock it", async () => {
    const { temporaryPassword } = await addMember(owner, {
      email: "parallel@example.test",
      name: "Parallel",
      role: "viewer",
    });
    const attempt = (password: string, i: number) =>
      signIn(
        { email: "parallel@example.test", password },
        { ip: `127.0.0.${10 + i}`, userAgent: "vitest", headers: new Headers() },
      ).then(
        () => "signed in",
        (error: Error) => error.message,
      );
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(`wrong-${i}`, i)));
    const { maxFailures } = signInThrottle();
    expect(outcomes.filter((o) => o === "Email or password is incorrect.")).toHaveLength(maxFailures);
    expect(outcomes.filter((o) => o.startsWith("Too many failed sign-in attempts."))).toHaveLength(
      20 - maxFailures,
    );
    // Only the checked attempts reached the password check and the audit log.
    const { events } = await listAudit(owner, { action: "auth.sign_in_failed" }, { take: 100, skip: 0 });
    expect(events.filter((e) => e.targetLabel === "parallel@example.test")).toHaveLength(maxFailures);
    // The right password is refused too while the account is locked.
    expect(await attempt(temporaryPassword, 99)).toMatch(/^Too many failed sign-in attempts/);
  });

  it("keeps only a hash of each console session token, and the cookie still signs in", async () => {
    const { temporaryPassword } = await addMember(owner, {
      email: "hashed@example.test",
      name: "Hashed",
      role: "viewer",
    });
    const auth = await getAuth();
    const { headers, response } = await auth.api.signInEmail({
      body: { email: "hashed@example.test", password: temporaryPassword },
      headers: new Headers(),
      returnHeaders: true,
    });
    const raw = response.token;
    const rows = await db().session.findMany({
      where: { userId: response.user.id },
      select: { token: true },
    });
    expect(rows.map((r) => r.token)).toEqual([hashSessionToken(raw)]);
    expect(await db().session.count({ where: { token: raw } })).toBe(0);
    const cookie = (headers.get("set-cookie") ?? "").split(";")[0];
    const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
    expect(session?.user.email).toBe("hashed@example.test");
    await auth.api.signOut({ headers: new Headers({ cookie }) });
    expect(await db().session.count({ where: { userId: response.user.id } })).toBe(0);
  });

  it("a successful sign-in does not count towards the limit", async () => {
    const { temporaryPassword } = await addMember(owner, {
      email: "steady@example.test",
      name: "Steady",
      role: "viewer",
    });
    const { maxFailures } = signInThrottle();
    for (let i = 0; i < maxFailures + 2; i++)
      await signIn(
        { email: "steady@example.test", password: temporaryPassword },
        { ip: "127.0.0.2", userAgent: "vitest", headers: new Headers() },
      );
  });

  it("the last owner cannot be demoted or removed, and an admin cannot create owners", async () => {
    await expect(changeMemberRole(owner, owner.memberId, "admin")).rejects.toThrow("at least one Owner");
    const admin = await addMember(owner, { email: "admin@example.test", name: "Admin", role: "admin" });
    const adminUser = await db().member.findUniqueOrThrow({
      where: { id: admin.memberId },
      select: { userId: true },
    });
    const adminActor = {
      ...owner,
      role: "admin" as const,
      memberId: admin.memberId,
      userId: adminUser.userId,
    };
    await expect(
      addMember(adminActor, { email: "o2@example.test", name: "O2", role: "owner" }),
    ).rejects.toThrow("Only an Owner");
    await expect(removeMember(adminActor, owner.memberId)).rejects.toThrow("Only an Owner");
  });
});
