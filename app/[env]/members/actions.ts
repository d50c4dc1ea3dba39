"use server";
import {
  addMemberInput,
  changeRoleInput,
  removeMemberInput,
  resetMemberInput,
} from "@/lib/organisations/schemas";
import {
  addMember,
  changeMemberRole,
  removeMember,
  resetMemberMfa,
  resetMemberPassword,
} from "@/lib/organisations/members";
import { memberAction } from "@/app/_lib/action";

const members = { resource: "members", access: "edit", revalidate: "/[env]/members" } as const;

export const addMemberAction = memberAction(
  { ...members, input: addMemberInput },
  async ({ member, data }): Promise<{ email: string; temporaryPassword: string }> => {
    const { email, temporaryPassword } = await addMember(member, data);
    return { email, temporaryPassword };
  },
);

export const changeMemberRoleAction = memberAction(
  { ...members, input: changeRoleInput },
  async ({ member, data }) => {
    await changeMemberRole(member, data.memberId, data.role);
  },
);

export const removeMemberAction = memberAction(
  { ...members, input: removeMemberInput },
  async ({ member, data }) => {
    await removeMember(member, data.memberId, data.confirmName);
  },
);

/** A new temporary password for a member, shown once; they replace it at their next sign-in. */
export const resetMemberPasswordAction = memberAction(
  { ...members, input: resetMemberInput },
  async ({ member, data }): Promise<{ email: string; temporaryPassword: string }> =>
    resetMemberPassword(member, data.memberId),
);

/** Turns a member's two-factor sign-in off (lost phone and recovery codes). */
export const resetMemberMfaAction = memberAction(
  { ...members, input: resetMemberInput },
  async ({ member, data }) => {
    await resetMemberMfa(member, data.memberId);
  },
);
