"use client";
import { useRef, useState } from "react";
import { toast } from "@/components/toast";
import type { z } from "zod";
import type { addMemberInput } from "@/lib/organisations/schemas";
import { ROLES, ROLE_LABELS } from "@/lib/auth/access";
import { usePlainForm } from "@/components/forms/use-plain-form";
import { secretShownOnce, useLeaveConfirmation } from "@/components/forms/use-leave-confirmation";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, fieldAria } from "@/components/ui/field";
import { Input, NativeSelect } from "@/components/ui/input";
import { FormFailure } from "@/components/ui/card";
import { SecretField } from "@/components/secret-field";
import { addMemberAction } from "../actions";

type Values = z.input<typeof addMemberInput>;
const LEAVE_QUESTION = secretShownOnce("temporary password");

export function AddMemberDialog({ canAddOwner }: { canAddOwner: boolean }) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<{ email: string; temporaryPassword: string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // Three fields: no form library (usePlainForm), so the members page does not ship one.
  const save = usePlainForm<Values, { email: string; temporaryPassword: string }>({
    formRef,
    fields: ["email", "name", "role"],
    schema: () => import("@/lib/organisations/schemas").then((m) => m.addMemberInput),
    action: addMemberAction,
    onOk: (added) => {
      setCreated(added);
      toast.success(`${added.email} added`);
    },
  });
  const { errors } = save;

  const leave = useLeaveConfirmation(created !== null, LEAVE_QUESTION);

  const close = (next: boolean) => {
    if (next) return setOpen(true);
    // Closing over the temporary password asks first, in the console's own dialog.
    leave.confirmLeave(() => {
      setOpen(false);
      setCreated(null);
      save.reset();
    });
  };

  return (
    <>
      <Dialog open={open} onOpenChange={close}>
        <DialogTrigger asChild>
          <Button>Add member</Button>
        </DialogTrigger>
        <DialogContent
          title={created ? "Member added" : "Add member"}
          description={
            created
              ? "Give them this temporary password to sign in. They choose their own at their first sign-in."
              : "They sign in with their email and a temporary password."
          }
        >
          {created ? (
            <div className="space-y-4">
              <p className="text-sm">
                <span className="font-medium">{created.email}</span> can now sign in.
              </p>
              <SecretField label="Temporary password" value={created.temporaryPassword} />
              <div className="flex justify-end">
                <Button onClick={() => close(false)}>Done</Button>
              </div>
            </div>
          ) : (
            <form ref={formRef} className="space-y-4" {...save.form}>
              <FormFailure message={save.failure} />
              <Field id="member-email" label="Email" error={errors.email}>
                <Input
                  type="email"
                  name="email"
                  defaultValue=""
                  {...fieldAria("member-email", errors.email)}
                />
              </Field>
              <Field id="member-name" label="Name" error={errors.name}>
                <Input name="name" defaultValue="" {...fieldAria("member-name", errors.name)} />
              </Field>
              <Field
                id="member-role"
                label="Role"
                error={errors.role}
                help="Viewers see everything but change nothing; Editors manage keys and credentials; Admins also manage members."
              >
                <NativeSelect
                  name="role"
                  defaultValue="editor"
                  {...fieldAria("member-role", errors.role, true)}
                >
                  {ROLES.filter((r) => canAddOwner || r !== "owner").map((role) => (
                    <option key={role} value={role}>
                      {ROLE_LABELS[role]}
                    </option>
                  ))}
                </NativeSelect>
              </Field>
              <div className="flex justify-end gap-2">
                <Button type="button" variant="secondary" onClick={() => close(false)}>
                  Cancel
                </Button>
                <Button type="submit" disabled={save.pending}>
                  {save.pending ? "Adding…" : "Add member"}
                </Button>
              </div>
            </form>
          )}
        </DialogContent>
      </Dialog>
      {leave.dialog}
    </>
  );
}
