"use client";
import { useRef } from "react";
import type { z } from "zod";
import type { AllowlistMode } from "@/lib/api-keys/constants";
import type { UpdateApiKeyInput } from "@/lib/api-keys/schemas";
import { permissionChoices, type LegacyRole, type Permission } from "@/lib/permissions/permissions";
import { useValuesForm } from "@/components/forms/use-values-form";
import { Button } from "@/components/ui/button";
import { FormFailure } from "@/components/ui/card";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { updateApiKeyAction } from "../actions";
import { ApiKeyAccessFields } from "./api-key-access-fields";
import { submitWithAllowlistDraft, type AllowlistDraft, type CurrentIp } from "./allowlist-editor";
import type { EditableKey } from "./edit-key-dialog";

/** Only the key's own kind's field is in the form: permissions for fine-grained, role for legacy. */
type FormValues = {
  id: string;
  expectedVersion: number;
  name: string;
  permissions?: Permission[];
  role?: LegacyRole;
  expiresAt: string;
  allowlist: string[];
  allowlistMode: AllowlistMode;
};

const CHOICES = permissionChoices();

/** The edit dialog's form: mounted when the dialog opens, so it starts from the key as saved. */
export function EditKeyForm({
  environment,
  apiKey,
  currentIp,
  onSaved,
  onCancel,
}: {
  environment: string;
  apiKey: EditableKey;
  currentIp: CurrentIp | null;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const form = useValuesForm({
    formRef,
    initial: {
      id: apiKey.id,
      expectedVersion: apiKey.version,
      name: apiKey.name,
      ...(apiKey.kind === "legacy" ? { role: apiKey.role ?? "events" } : { permissions: apiKey.permissions }),
      expiresAt: apiKey.expiresAt,
      allowlist: apiKey.allowlist,
      allowlistMode: apiKey.allowlistMode,
    } as FormValues,
    schema: () =>
      import("@/lib/api-keys/schemas").then(
        (m) => m.updateApiKeyInput as unknown as z.ZodType<UpdateApiKeyInput, FormValues>,
      ),
    action: (values) => updateApiKeyAction({ ...values, environment }),
    onOk: onSaved,
  });
  const { errors } = form;
  const allowlistDraft = useRef<AllowlistDraft>(null);

  return (
    <form
      ref={formRef}
      className="space-y-5"
      noValidate
      onSubmit={(event) => submitWithAllowlistDraft(event, allowlistDraft.current, form.onSubmit)}
    >
      <FormFailure message={form.failure} />
      <Field id="edit-name" label="Name" error={errors.name}>
        <Input
          {...fieldAria("edit-name", errors.name)}
          name="name"
          value={form.values.name}
          onChange={(event) => form.set("name", event.target.value)}
        />
      </Field>
      <ApiKeyAccessFields
        form={form}
        kind={apiKey.kind}
        permissionChoices={CHOICES}
        idPrefix="edit"
        allowlistDraft={allowlistDraft}
        currentIp={currentIp}
      />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={form.pending}>
          {form.pending ? "Saving…" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
