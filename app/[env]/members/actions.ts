"use server";
import { addMemberInput, changeRoleInput, removeMemberInput } from "@/lib/organisations/schemas";
import { addMember, changeMemberRole, removeMember } from "@/lib/organisations/members";
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
    await removeMember(member, data.memberId);
  },
);
