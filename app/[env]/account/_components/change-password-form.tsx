"use client";
import { useRef } from "react";
import { toast } from "@/components/toast";
import type { z } from "zod";
import type { changePasswordInput } from "@/lib/auth/schemas";
import { usePlainForm } from "@/components/forms/use-plain-form";
import { PasswordFields } from "@/components/forms/password-fields";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field, fieldAria } from "@/components/ui/field";
import { FormFailure } from "@/components/ui/card";
import { changePasswordAction } from "../actions";

export function ChangePasswordForm() {
  const formRef = useRef<HTMLFormElement>(null);
  const save = usePlainForm<z.input<typeof changePasswordInput>, unknown>({
    formRef,
    fields: ["currentPassword", "newPassword", "confirmPassword"],
    schema: () => import("@/lib/auth/schemas").then((m) => m.changePasswordInput),
    action: changePasswordAction,
    onOk: () => {
      toast.success("Password changed. Your other sessions were signed out.");
      save.reset();
    },
  });
  const error = save.errors.currentPassword;
  return (
    <form ref={formRef} className="max-w-sm space-y-4" {...save.form}>
      <FormFailure message={save.failure} />
      <Field id="current-password" label="Current password" error={error}>
        <Input
          type="password"
          name="currentPassword"
          autoComplete="current-password"
          defaultValue=""
          {...fieldAria("current-password", error)}
        />
      </Field>
      <PasswordFields errors={save.errors} />
      <Button type="submit" disabled={save.pending}>
        {save.pending ? "Saving…" : "Change password"}
      </Button>
    </form>
  );
}
