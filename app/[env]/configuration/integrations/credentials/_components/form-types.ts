import type { ChangeEvent } from "react";
import type { z } from "zod";
import type { ValuesForm } from "@/components/forms/use-values-form";
import type { CredentialType, credentialFormSchema } from "@/lib/credentials/schemas";

type FormSchema = ReturnType<typeof credentialFormSchema>;
/** What the form holds (the shared schema's input), for any type. */
export type CredentialFormInput = z.input<FormSchema>;
export type CredentialFormOutput = z.output<FormSchema>;
export type ValuesOf<T extends CredentialType> = Extract<CredentialFormInput, { type: T }>;
export type CredentialFormApi = ValuesForm<CredentialFormInput>;
/** A field of any type's form. */
export type CredentialField = { [T in CredentialType]: keyof ValuesOf<T> & string }[CredentialType];

/** Props every type's field group receives. `secretsSet` says which write-only secrets are stored. */
export type TypeFieldsProps = {
  form: CredentialFormApi;
  mode: "create" | "update";
  secretsSet: Record<string, boolean>;
  readOnly: boolean;
};

/** The message of a field (or of a part of it, "headers.0.name"), whatever the branch of the union it belongs to. */
export function errorOf(form: CredentialFormApi, name: string): string | undefined {
  return form.errors[name];
}

/** A field's value, whatever the branch of the union it belongs to. */
export function valueOf(form: CredentialFormApi, name: CredentialField): unknown {
  return (form.values as Record<string, unknown>)[name];
}

/** Sets a field of the type's branch; after a submit, the messages about `about` follow (the field's by default). */
export function setField(form: CredentialFormApi, name: CredentialField, value: unknown, about?: string) {
  form.set(name as never, value as never, about);
}

/** An input's (textarea's, select's) props for a text field: its name, value and setter. */
export function textField(form: CredentialFormApi, name: CredentialField) {
  return {
    name,
    value: String(valueOf(form, name) ?? ""),
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      setField(form, name, event.target.value),
  };
}

/** A checkbox's props for a yes/no field. */
export function checkboxField(form: CredentialFormApi, name: CredentialField) {
  return {
    name,
    checked: valueOf(form, name) === true,
    onChange: (event: ChangeEvent<HTMLInputElement>) => setField(form, name, event.target.checked),
  };
}
