"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { toast } from "sonner";
import { updateApiKeyInput, type ApiKeyKind, type UpdateApiKeyInput } from "@/lib/api-keys/schemas";
import type { LegacyRole, Permission } from "@/lib/permissions/registry";
import { unionFormResolver } from "@/components/forms/union-form-resolver";
import { Button } from "@/components/ui/button";
import { FormFailure } from "@/components/ui/card";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { updateApiKeyAction } from "../actions";
import { AllowlistEditor } from "./allowlist-editor";
import { PermissionPicker } from "./permission-picker";
import { RolePicker } from "./role-picker";

export type EditableKey = {
  id: string;
  name: string;
  kind: ApiKeyKind;
  permissions: Permission[];
  role: LegacyRole | null;
  expiresAt: string;
  allowlist: string[];
};

/** Only the key's own kind's field is in the form: permissions for fine-grained, role for legacy. */
type FormValues = {
  id: string;
  name: string;
  permissions?: Permission[];
  role?: LegacyRole;
  expiresAt: string;
  allowlist: string[];
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
    name: apiKey.name,
    ...(apiKey.kind === "legacy" ? { role: apiKey.role ?? "events" } : { permissions: apiKey.permissions }),
    expiresAt: apiKey.expiresAt,
    allowlist: apiKey.allowlist,
  };
  const form = useForm<FormValues, unknown, UpdateApiKeyInput>({
    resolver: unionFormResolver<FormValues, typeof updateApiKeyInput>(updateApiKeyInput),
    defaultValues: defaults,
  });
  const mutation = useMutation({
    mutationFn: updateApiKeyAction,
    onSuccess: (result) => {
      if (result.ok) {
        toast.success("API key saved");
        setOpen(false);
        router.refresh();
        return;
      }
      for (const [field, message] of Object.entries(result.fieldErrors ?? {})) {
        form.setError(field.split(".")[0] as keyof FormValues, { message });
      }
    },
  });
  const { errors } = form.formState;
  const failure = mutation.data && !mutation.data.ok ? mutation.data.error : null;

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          form.reset(defaults);
          mutation.reset();
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
          onSubmit={form.handleSubmit((values) => mutation.mutate({ ...values, environment }))}
        >
          <FormFailure message={failure} />
          <Field id="edit-name" label="Name" error={errors.name?.message}>
            <Input {...fieldAria("edit-name", errors.name?.message)} {...form.register("name")} />
          </Field>
          {apiKey.kind === "fine_grained" ? (
            <Controller
              control={form.control}
              name="permissions"
              render={({ field }) => (
                <PermissionPicker
                  value={field.value ?? []}
                  onChange={field.onChange}
                  error={errors.permissions?.message}
                />
              )}
            />
          ) : (
            <Controller
              control={form.control}
              name="role"
              render={({ field }) => (
                <RolePicker
                  value={field.value ?? "events"}
                  onChange={field.onChange}
                  error={errors.role?.message}
                />
              )}
            />
          )}
          <Field
            id="edit-expiry"
            label="Expiry date (optional)"
            error={errors.expiresAt?.message}
            help="Leave empty for no expiry."
          >
            <Input
              type="date"
              className="w-48"
              {...fieldAria("edit-expiry", errors.expiresAt?.message, true)}
              {...form.register("expiresAt")}
            />
          </Field>
          <Controller
            control={form.control}
            name="allowlist"
            render={({ field }) => (
              <AllowlistEditor
                value={field.value}
                onChange={field.onChange}
                currentIp={currentIp}
                error={errors.allowlist?.message}
              />
            )}
          />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={mutation.isPending}>
              {mutation.isPending ? "Saving…" : "Save changes"}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
