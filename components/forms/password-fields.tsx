"use client";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-length";

/**
 * "New password" and its confirmation (inputs named `newPassword` and `confirmPassword`, in a
 * usePlainForm form), with the rule it must follow as help text.
 */
export function PasswordFields({ errors }: { errors: { newPassword?: string; confirmPassword?: string } }) {
  return (
    <>
      <Field
        id="new-password"
        label="New password"
        error={errors.newPassword}
        help={`At least ${MIN_PASSWORD_LENGTH} characters, not a commonly used password.`}
      >
        <Input
          type="password"
          name="newPassword"
          autoComplete="new-password"
          defaultValue=""
          {...fieldAria("new-password", errors.newPassword, true)}
        />
      </Field>
      <Field id="confirm-password" label="Confirm new password" error={errors.confirmPassword}>
        <Input
          type="password"
          name="confirmPassword"
          autoComplete="new-password"
          defaultValue=""
          {...fieldAria("confirm-password", errors.confirmPassword)}
        />
      </Field>
    </>
  );
}
