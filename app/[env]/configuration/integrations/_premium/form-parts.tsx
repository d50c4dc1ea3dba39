"use client";
import type { UseFormRegisterReturn } from "react-hook-form";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

type TextFieldProps = {
  id: string;
  label: string;
  registration: UseFormRegisterReturn;
  error?: string;
  help?: string;
  placeholder?: string;
  autoComplete?: string;
};

export function TextField({
  id,
  label,
  registration,
  error,
  help,
  placeholder,
  autoComplete = "off",
}: TextFieldProps) {
  return (
    <Field id={id} label={label} error={error} help={help}>
      <Input
        {...fieldAria(id, error, !!help)}
        placeholder={placeholder}
        autoComplete={autoComplete}
        spellCheck={false}
        {...registration}
      />
    </Field>
  );
}

/**
 * A write-only secret: never pre-filled. When one is stored, an empty field keeps it
 * ("unchanged"); typing replaces it.
 */
export function SecretInput({
  id,
  label,
  registration,
  error,
  stored,
  optional,
}: TextFieldProps & { stored: boolean; optional?: boolean }) {
  const help = stored
    ? "Stored — leave empty to keep it unchanged, or type a new value to replace it."
    : optional
      ? "Optional."
      : undefined;
  return (
    <Field id={id} label={label} error={error} help={help}>
      <Input
        {...fieldAria(id, error, !!help)}
        type="password"
        autoComplete="new-password"
        placeholder={stored ? "unchanged" : undefined}
        {...registration}
      />
    </Field>
  );
}

export function CheckboxField({
  id,
  label,
  registration,
  help,
}: {
  id: string;
  label: string;
  registration: UseFormRegisterReturn;
  help?: string;
}) {
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        type="checkbox"
        className="mt-1 accent-brand-700"
        aria-describedby={help ? `${id}-help` : undefined}
        {...registration}
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        {help ? (
          <p id={`${id}-help`} className="text-xs text-slate-600">
            {help}
          </p>
        ) : null}
      </div>
    </div>
  );
}
