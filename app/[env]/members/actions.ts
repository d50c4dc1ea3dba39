"use server";
import { revalidatePath } from "next/cache";
import { addMemberInput, changeRoleInput, removeMemberInput } from "@/lib/organisations/schemas";
import { addMember, changeMemberRole, removeMember } from "@/lib/organisations/members";
import { invalid, ok, type ActionResult } from "@/lib/result";
import { requireMember } from "@/app/_lib/session";
import { runAction } from "@/app/_lib/action";

export async function addMemberAction(
  input: unknown,
): Promise<ActionResult<{ email: string; temporaryPassword: string }>> {
  return runAction(async () => {
    const member = await requireMember("members", "edit");
    const parsed = addMemberInput.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const added = await addMember(member, parsed.data);
    revalidatePath("/[env]/members", "page");
    return ok({ email: added.email, temporaryPassword: added.temporaryPassword });
  });
}

export async function changeMemberRoleAction(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const member = await requireMember("members", "edit");
    const parsed = changeRoleInput.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    await changeMemberRole(member, parsed.data.memberId, parsed.data.role);
    revalidatePath("/[env]/members", "page");
    return ok();
  });
}

export async function removeMemberAction(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const member = await requireMember("members", "edit");
    const parsed = removeMemberInput.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    await removeMember(member, parsed.data.memberId);
    revalidatePath("/[env]/members", "page");
    return ok();
  });
}
