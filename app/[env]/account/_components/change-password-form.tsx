"use client";
import { useForm } from "react-hook-form";
import { toast } from "@/components/toast";
import type { z } from "zod";
import type { changePasswordInput } from "@/lib/auth/schemas";
import { lazyZodResolver } from "@/components/forms/lazy-zod-resolver";
import { useActionForm } from "@/components/forms/use-action-form";
import { PasswordFields } from "@/components/forms/password-fields";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field, fieldAria } from "@/components/ui/field";
import { FormFailure } from "@/components/ui/card";
import { changePasswordAction } from "../actions";

type Values = z.input<typeof changePasswordInput>;

const EMPTY: Values = { currentPassword: "", newPassword: "", confirmPassword: "" };

export function ChangePasswordForm() {
  const form = useForm<Values>({
    resolver: lazyZodResolver<Values>(() => import("@/lib/auth/schemas").then((m) => m.changePasswordInput)),
    defaultValues: EMPTY,
  });
  const save = useActionForm(form, changePasswordAction, {
    onOk: () => {
      toast.success("Password changed. Your other sessions were signed out.");
      form.reset(EMPTY);
    },
  });
  const error = form.formState.errors.currentPassword?.message;
  return (
    <form className="max-w-sm space-y-4" noValidate onSubmit={save.onSubmit}>
      <FormFailure message={save.failure} />
      <Field id="current-password" label="Current password" error={error}>
        <Input
          type="password"
          autoComplete="current-password"
          {...fieldAria("current-password", error)}
          {...form.register("currentPassword")}
        />
      </Field>
      <PasswordFields form={form} />
      <Button type="submit" disabled={save.pending}>
        {save.pending ? "Saving…" : "Change password"}
      </Button>
    </form>
  );
}
