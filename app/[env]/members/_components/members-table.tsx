"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ROLES, ROLE_LABELS, type Role } from "@/lib/auth/access";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { changeMemberRoleAction, removeMemberAction } from "../actions";

type Row = { id: string; email: string; name: string; role: Role; createdAt: string; isSelf: boolean };

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
  const changeRole = useMutation({
    mutationFn: changeMemberRoleAction,
    onSuccess: (result) => {
      if (result.ok) toast.success("Role changed");
      else toast.error(result.error);
      router.refresh();
    },
  });
  const remove = useMutation({
    mutationFn: removeMemberAction,
    onSuccess: (result) => {
      if (result.ok) toast.success("Member removed");
      else toast.error(result.error);
      router.refresh();
    },
  });

  return (
    <Card>
      <Table>
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Email</Th>
            <Th>Role</Th>
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
                      onChange={(event) => changeRole.mutate({ memberId: m.id, role: event.target.value })}
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
                <Td>{new Date(m.createdAt).toLocaleDateString("en-GB", { dateStyle: "medium" })}</Td>
                {canEdit ? (
                  <Td className="text-right">
                    {editable ? (
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={`Remove ${m.email}`}
                        onClick={() => {
                          if (window.confirm(`Remove ${m.email}? They will be signed out at once.`))
                            remove.mutate({ memberId: m.id });
                        }}
                      >
                        Remove
                      </Button>
                    ) : null}
                  </Td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </Table>
    </Card>
  );
}
