"use client";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "@/components/toast";
import type { AllowlistMode, ApiKeyKind } from "@/lib/api-keys/constants";
import type { updateApiKeyInput, UpdateApiKeyInput } from "@/lib/api-keys/schemas";
import type { LegacyRole, Permission } from "@/lib/permissions/registry";
import { unionFormResolver } from "@/components/forms/union-form-resolver";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { FormFailure } from "@/components/ui/card";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { updateApiKeyAction } from "../actions";
import { ApiKeyAccessFields } from "./api-key-access-fields";
import { submitWithAllowlistDraft, type AllowlistDraft } from "./allowlist-editor";

export type EditableKey = {
  id: string;
  version: number;
  name: string;
  kind: ApiKeyKind;
  permissions: Permission[];
  role: LegacyRole | null;
  expiresAt: string;
  allowlist: string[];
  allowlistMode: AllowlistMode;
};

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

export function EditKeyDialog({
  environment,
  apiKey,
  currentIp,
}: {
  environment: string;
  apiKey: EditableKey;
  currentIp: string | null;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const defaults: FormValues = {
    id: apiKey.id,
    expectedVersion: apiKey.version,
    name: apiKey.name,
    ...(apiKey.kind === "legacy" ? { role: apiKey.role ?? "events" } : { permissions: apiKey.permissions }),
    expiresAt: apiKey.expiresAt,
    allowlist: apiKey.allowlist,
    allowlistMode: apiKey.allowlistMode,
  };
  const form = useForm<FormValues, unknown, UpdateApiKeyInput>({
    resolver: unionFormResolver<FormValues, typeof updateApiKeyInput>(() =>
      import("@/lib/api-keys/schemas").then((m) => m.updateApiKeyInput),
    ),
    defaultValues: defaults,
  });
  const save = useActionForm(form, (values) => updateApiKeyAction({ ...values, environment }), {
    onOk: () => {
      toast.success("API key saved");
      setOpen(false);
      router.refresh();
    },
  });
  const { errors } = form.formState;
  const allowlistDraft = useRef<AllowlistDraft>(null);

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          form.reset(defaults);
          save.reset();
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary">Edit</Button>
      </DialogTrigger>
      <DialogContent
        title="Edit API key"
        description="Changes apply to the next request, including requests with access tokens issued before."
        className="w-[min(760px,95vw)]"
      >
        <form
          className="space-y-5"
          noValidate
          onSubmit={(event) => submitWithAllowlistDraft(event, allowlistDraft.current, save.onSubmit)}
        >
          <FormFailure message={save.failure} />
          <Field id="edit-name" label="Name" error={errors.name?.message}>
            <Input {...fieldAria("edit-name", errors.name?.message)} {...form.register("name")} />
          </Field>
          <ApiKeyAccessFields
            form={form}
            kind={apiKey.kind}
            idPrefix="edit"
            allowlistDraft={allowlistDraft}
            currentIp={currentIp}
          />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={save.pending}>
              {save.pending ? "Saving…" : "Save changes"}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
