import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ensureFirstRun } from "@/lib/organisations/first-run";
import { addMember, changeMemberRole, listMembers, removeMember } from "@/lib/organisations/members";
import { listAudit } from "@/lib/audit";
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
    await removeMember(owner, added.memberId);
    expect((await listMembers(owner)).map((m) => m.email)).toEqual(["owner@example.test"]);

    const { events } = await listAudit(owner, { action: "member." }, { take: 10, skip: 0 });
    expect(events.map((e) => e.action).sort()).toEqual(["member.add", "member.change_role", "member.remove"]);
    expect(JSON.stringify(events)).not.toContain(added.temporaryPassword);
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
