"use client";
import type { ReactNode } from "react";
import { Field, fieldAria } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { errorOf, textField, type CredentialField, type CredentialFormApi } from "./form-types";

/**
 * A write-only secret: never pre-filled. When a value is stored, the empty input means
 * "unchanged" and typing replaces it.
 */
export function SecretInput({
  form,
  name,
  id,
  label,
  stored,
  help,
  multiline = false,
  readOnly,
}: {
  form: CredentialFormApi;
  name: CredentialField;
  id: string;
  label: string;
  stored: boolean;
  help?: ReactNode;
  multiline?: boolean;
  readOnly: boolean;
}) {
  const error = errorOf(form, name);
  const note = stored
    ? "Stored and hidden. Leave empty to keep it unchanged; type a new value to replace it."
    : null;
  const fullHelp =
    note || help ? (
      <>
        {note}
        {note && help ? " " : null}
        {help}
      </>
    ) : undefined;
  const placeholder = stored ? "•••••••• unchanged" : undefined;
  const aria = fieldAria(id, error, Boolean(fullHelp));
  return (
    <Field id={id} label={label} help={fullHelp} error={error}>
      {multiline ? (
        <Textarea
          rows={6}
          spellCheck={false}
          autoComplete="off"
          placeholder={placeholder}
          readOnly={readOnly}
          {...aria}
          {...textField(form, name)}
        />
      ) : (
        <Input
          type="password"
          autoComplete="new-password"
          placeholder={placeholder}
          readOnly={readOnly}
          {...aria}
          {...textField(form, name)}
        />
      )}
    </Field>
  );
}
