"use client";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/toast";
import { useAction } from "@/components/forms/use-action";
import { ROLES, ROLE_LABELS, type Role } from "@/lib/auth/access";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { When } from "@/components/when";
import { ConfirmByNameDialog } from "@/components/confirm-by-name-dialog";
import { secretShownOnce, useLeaveConfirmation } from "@/components/forms/use-leave-confirmation";
import type { ActionResult } from "@/lib/result";
import {
  changeMemberRoleAction,
  removeMemberAction,
  resetMemberMfaAction,
  resetMemberPasswordAction,
} from "../actions";

const LEAVE_QUESTION = secretShownOnce("temporary password");
// The temporary password's field is fetched with its dialog (once the page is idle).
const loadSecretField = () => import("@/components/secret-field").then((m) => m.SecretField);
const preloadSecretField = () => void loadSecretField();
const SecretField = dynamic(loadSecretField, { ssr: false });

type Row = {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
  isSelf: boolean;
  mfa: boolean;
  temporaryPassword: boolean;
};

export function MembersTable({
  members,
  canEdit,
  actorIsOwner,
}: {
  members: Row[];
  canEdit: boolean;
  actorIsOwner: boolean;
}) {
  const router = useRouter();
  const changeRole = useAction(changeMemberRoleAction, (result) => {
    if (result.ok) toast.success("Role changed");
    else toast.error(result.error);
    router.refresh();
  });
  const [issued, setIssued] = useState<{ email: string; temporaryPassword: string } | null>(null);
  const leave = useLeaveConfirmation(issued !== null, LEAVE_QUESTION);
  const closeIssued = () => leave.confirmLeave(() => setIssued(null));

  return (
    <Card>
      <Table>
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Email</Th>
            <Th>Role</Th>
            <Th>Sign-in</Th>
            <Th>Added</Th>
            {canEdit ? (
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => {
            const editable = canEdit && !m.isSelf && (actorIsOwner || m.role !== "owner");
            return (
              <tr key={m.id}>
                <Td className="font-medium">
                  {m.name} {m.isSelf ? <Badge tone="info">You</Badge> : null}
                </Td>
                <Td>{m.email}</Td>
                <Td>
                  {editable ? (
                    <select
                      aria-label={`Role of ${m.email}`}
                      defaultValue={m.role}
                      className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm"
                      onChange={(event) => changeRole.run({ memberId: m.id, role: event.target.value })}
                    >
                      {ROLES.filter((r) => actorIsOwner || r !== "owner").map((role) => (
                        <option key={role} value={role}>
                          {ROLE_LABELS[role]}
                        </option>
                      ))}
                    </select>
                  ) : (
                    ROLE_LABELS[m.role]
                  )}
                </Td>
                <Td>
                  <span className="flex flex-wrap gap-1">
                    {m.mfa ? (
                      <Badge tone="success">Two-factor</Badge>
                    ) : (
                      <Badge tone="neutral">Password only</Badge>
                    )}
                    {m.temporaryPassword ? <Badge tone="warning">Temporary password</Badge> : null}
                  </span>
                </Td>
                <Td>
                  <When value={m.createdAt} />
                </Td>
                {canEdit ? (
                  <Td className="whitespace-nowrap text-right">
                    {editable ? (
                      <ConfirmByNameDialog
                        trigger={
                          <Button variant="ghost" size="sm" aria-label={`Reset password of ${m.email}`}>
                            Reset password
                          </Button>
                        }
                        title="Reset password"
                        confirmLabel="Reset password"
                        run={(): Promise<ActionResult<{ email: string; temporaryPassword: string }>> =>
                          resetMemberPasswordAction({ memberId: m.id })
                        }
                        onDone={(data) => {
                          setIssued(data);
                          router.refresh();
                        }}
                      >
                        <p>
                          Give {m.email} a new temporary password? Their current one stops working and they
                          are signed out.
                        </p>
                      </ConfirmByNameDialog>
                    ) : null}
                    {editable && m.mfa ? (
                      <ConfirmByNameDialog
                        trigger={
                          <Button
                            variant="ghost"
                            size="sm"
                            aria-label={`Reset two-factor sign-in of ${m.email}`}
                          >
                            Reset two-factor
                          </Button>
                        }
                        title="Reset two-factor sign-in"
                        confirmLabel="Turn off two-factor"
                        run={() => resetMemberMfaAction({ memberId: m.id })}
                        done="Two-factor sign-in reset"
                        onDone={() => router.refresh()}
                      >
                        <p>
                          Turn off two-factor sign-in for {m.email}? They are signed out and can set it up
                          again.
                        </p>
                      </ConfirmByNameDialog>
                    ) : null}
                    {editable ? (
                      <ConfirmByNameDialog
                        trigger={
                          <Button variant="ghost" size="sm" aria-label={`Remove ${m.email}`}>
                            Remove
                          </Button>
                        }
                        title="Remove member"
                        name={m.email}
                        confirmLabel="Remove member"
                        pendingLabel="Removing…"
                        run={(confirmName) => removeMemberAction({ memberId: m.id, confirmName })}
                        done="Member removed"
                        onDone={() => router.refresh()}
                      >
                        <p>
                          {m.email} loses access to this organisation and is signed out at once. The audit log
                          keeps their entries.
                        </p>
                      </ConfirmByNameDialog>
                    ) : null}
                  </Td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </Table>
      <Dialog
        open={issued !== null}
        onOpenChange={(open) => (open ? null : closeIssued())}
        preload={preloadSecretField}
      >
        {issued ? (
          <DialogContent
            title="Password reset"
            description="Give them this temporary password. They choose their own at their next sign-in."
          >
            <div className="space-y-4">
              <p className="text-sm">
                <span className="font-medium">{issued.email}</span> was signed out everywhere.
              </p>
              <SecretField label="Temporary password" value={issued.temporaryPassword} />
              <div className="flex justify-end">
                <Button onClick={closeIssued}>Done</Button>
              </div>
            </div>
          </DialogContent>
        ) : null}
      </Dialog>
      {leave.dialog}
    </Card>
  );
}
