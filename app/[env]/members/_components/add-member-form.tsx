"use client";
import { useRef } from "react";
import type { z } from "zod";
import type { addMemberInput } from "@/lib/organisations/schemas";
import { ROLES, ROLE_LABELS } from "@/lib/auth/access";
import { usePlainForm } from "@/components/forms/use-plain-form";
import { Button } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { Input, NativeSelect } from "@/components/ui/input";
import { FormFailure } from "@/components/ui/card";
import { SecretField } from "@/components/secret-field";
import { addMemberAction } from "../actions";

type Values = z.input<typeof addMemberInput>;
export type AddedMember = { email: string; temporaryPassword: string };

// The add-member dialog's content, fetched with the dialog (AddMemberDialog).

export function AddMemberForm({
  canAddOwner,
  onAdded,
  onCancel,
}: {
  canAddOwner: boolean;
  onAdded: (added: AddedMember) => void;
  onCancel: () => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  // Three fields: no form library (usePlainForm), so the members page does not ship one.
  const save = usePlainForm<Values, AddedMember>({
    formRef,
    fields: ["email", "name", "role"],
    schema: () => import("@/lib/organisations/schemas").then((m) => m.addMemberInput),
    action: addMemberAction,
    onOk: onAdded,
  });
  const { errors } = save;
  return (
    <form ref={formRef} className="space-y-4" {...save.form}>
      <FormFailure message={save.failure} />
      <Field id="member-email" label="Email" error={errors.email}>
        <Input type="email" name="email" defaultValue="" {...fieldAria("member-email", errors.email)} />
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
        <NativeSelect name="role" defaultValue="editor" {...fieldAria("member-role", errors.role, true)}>
          {ROLES.filter((r) => canAddOwner || r !== "owner").map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={save.pending}>
          {save.pending ? "Adding…" : "Add member"}
        </Button>
      </div>
    </form>
  );
}

export function MemberAdded({ added, onDone }: { added: AddedMember; onDone: () => void }) {
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <span className="font-medium">{added.email}</span> can now sign in.
      </p>
      <SecretField label="Temporary password" value={added.temporaryPassword} />
      <div className="flex justify-end">
        <Button onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}
