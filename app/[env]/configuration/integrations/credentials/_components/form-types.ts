import type { UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import type { CredentialType, credentialFormSchema } from "@/lib/credentials/schemas";

type FormSchema = ReturnType<typeof credentialFormSchema>;
/** What the form holds (the shared schema's input), for any type. */
export type CredentialFormInput = z.input<FormSchema>;
export type CredentialFormOutput = z.output<FormSchema>;
export type ValuesOf<T extends CredentialType> = Extract<CredentialFormInput, { type: T }>;
export type CredentialFormApi = UseFormReturn<CredentialFormInput, unknown, CredentialFormOutput>;

/** Props every type's field group receives. `secretsSet` says which write-only secrets are stored. */
export type TypeFieldsProps = {
  form: CredentialFormApi;
  mode: "create" | "update";
  secretsSet: Record<string, boolean>;
  readOnly: boolean;
};

/** The message of a field's error, whatever the branch of the union it belongs to. */
export function errorOf(
  form: CredentialFormApi,
  name: Parameters<CredentialFormApi["register"]>[0],
): string | undefined {
  return form.getFieldState(name, form.formState).error?.message;
}
