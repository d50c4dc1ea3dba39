"use client";
import { useRef, useState, type FormEvent } from "react";
import type { z } from "zod";
import type { signInInput } from "@/lib/organisations/schemas";
import type { ActionResult } from "@/lib/result";
import { formFieldErrors } from "@/components/forms/field-errors";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field, fieldAria } from "@/components/ui/field";
import { FormFailure } from "@/components/ui/card";
import { signInAction } from "../actions";

type Values = z.infer<typeof signInInput>;
type FieldName = keyof Values;
type Errors = Partial<Record<FieldName, string>>;
const FIELDS: FieldName[] = ["email", "password"];

/**
 * The sign-in page is the first page most people load, so its two fields go without a form
 * library: the form checks its values with the sign-in schema (fetched at the first check, not
 * with the page; the server action checks the same schema) and shows the action's answer. As
 * in the console's other forms: the first invalid field gets the focus, a field's message
 * updates as it is corrected after a submit, and only the latest submit's answer counts.
 */
export function SignInForm() {
  const formRef = useRef<HTMLFormElement>(null);
  const latest = useRef(0);
  const [errors, setErrors] = useState<Errors>({});
  const [submitted, setSubmitted] = useState(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const values = (): Values => {
    const data = new FormData(formRef.current ?? undefined);
    return { email: String(data.get("email") ?? ""), password: String(data.get("password") ?? "") };
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const call = ++latest.current;
    setSubmitted(true);
    const input = values();
    const found = await check(input);
    if (call !== latest.current) return;
    setErrors(found);
    const invalid = FIELDS.find((field) => found[field]);
    if (invalid) {
      (formRef.current?.elements.namedItem(invalid) as HTMLInputElement | null)?.focus();
      return;
    }
    setPending(true);
    setFailure(null);
    let result: ActionResult;
    try {
      result = await signInAction(input);
    } catch (error) {
      // The action could not be reached (network, server gone): nothing to show on the form.
      if (call === latest.current) setPending(false);
      console.error(error);
      return;
    }
    if (call !== latest.current) return;
    setPending(false);
    if (result.ok) return; // the action has redirected
    setFailure(result.error);
    setErrors(Object.fromEntries(formFieldErrors(input, result.fieldErrors)) as Errors);
  };

  // After a submit, a field's message follows its value.
  const onChange = async (event: FormEvent<HTMLFormElement>) => {
    const field = (event.target as HTMLInputElement).name as FieldName;
    if (!submitted || !FIELDS.includes(field)) return;
    const message = (await check(values()))[field];
    setErrors((current) => ({ ...current, [field]: message }));
  };

  return (
    <form ref={formRef} className="space-y-4" noValidate onSubmit={onSubmit} onChange={onChange}>
      <FormFailure message={failure} />
      <Field id="email" label="Email" error={errors.email}>
        <Input
          type="email"
          name="email"
          autoComplete="username"
          autoFocus
          defaultValue=""
          {...fieldAria("email", errors.email)}
        />
      </Field>
      <Field id="password" label="Password" error={errors.password}>
        <Input
          type="password"
          name="password"
          autoComplete="current-password"
          defaultValue=""
          {...fieldAria("password", errors.password)}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}

/** The sign-in schema's messages for `input` (none if the schema cannot be fetched: the server checks). */
async function check(input: Values): Promise<Errors> {
  let schema: typeof signInInput;
  try {
    schema = (await import("@/lib/organisations/schemas")).signInInput;
  } catch {
    return {};
  }
  const parsed = schema.safeParse(input);
  const errors: Errors = {};
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = issue.path[0] as FieldName;
    errors[field] ??= issue.message;
  }
  return errors;
}
