"use client";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";

type WithNewPassword = FieldValues & { newPassword: string; confirmPassword: string };

/** "New password" and its confirmation, with the rule it must follow as help text. */
export function PasswordFields<V extends WithNewPassword>({
  form,
}: {
  form: UseFormReturn<V, unknown, unknown>;
}) {
  const errors = form.formState.errors;
  const newError = errors.newPassword?.message as string | undefined;
  const confirmError = errors.confirmPassword?.message as string | undefined;
  return (
    <>
      <Field
        id="new-password"
        label="New password"
        error={newError}
        help={`At least ${MIN_PASSWORD_LENGTH} characters, not a commonly used password.`}
      >
        <Input
          type="password"
          autoComplete="new-password"
          {...fieldAria("new-password", newError, true)}
          {...form.register("newPassword" as Path<V>)}
        />
      </Field>
      <Field id="confirm-password" label="Confirm new password" error={confirmError}>
        <Input
          type="password"
          autoComplete="new-password"
          {...fieldAria("confirm-password", confirmError)}
          {...form.register("confirmPassword" as Path<V>)}
        />
      </Field>
    </>
  );
}
