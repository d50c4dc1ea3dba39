import type { Metadata } from "next";
import { listMembers } from "@/lib/organisations/members";
import { can } from "@/lib/auth/access";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/card";
import { currentMember } from "@/app/_lib/session";
import { MembersTable } from "./_components/members-table";
import { AddMemberDialog } from "./_components/add-member-dialog";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const member = await currentMember();
  const members = await listMembers(member);
  const canEdit = can(member.role, "members", "edit");
  return (
    <>
      <PageHeader
        title="Members"
        description="People who can sign in to this organisation's console, and what their role lets them do."
        actions={canEdit ? <AddMemberDialog canAddOwner={member.role === "owner"} /> : null}
      />
      {!canEdit ? (
        <Alert className="mb-4" role="status">
          You have view-only access to members. Ask an Owner or Admin to change them.
        </Alert>
      ) : null}
      <MembersTable
        members={members.map((m) => ({
          id: m.id,
          email: m.email,
          name: m.name,
          role: m.role,
          createdAt: m.createdAt.toISOString(),
          isSelf: m.userId === member.userId,
          mfa: m.mfa,
          temporaryPassword: m.temporaryPassword,
        }))}
        canEdit={canEdit}
        actorIsOwner={member.role === "owner"}
      />
    </>
  );
}
