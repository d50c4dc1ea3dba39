"use client";
import { useRef } from "react";
import type { z } from "zod";
import type { signInInput } from "@/lib/organisations/schemas";
import { usePlainForm } from "@/components/forms/use-plain-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field, fieldAria } from "@/components/ui/field";
import { FormFailure } from "@/components/ui/card";
import { signInAction } from "../actions";

/**
 * The sign-in page is the first page most people load, so its two fields go without a form
 * library (usePlainForm): checked with the sign-in schema, fetched at the first check; the
 * action redirects on success.
 */
export function SignInForm() {
  const formRef = useRef<HTMLFormElement>(null);
  const signIn = usePlainForm<z.infer<typeof signInInput>, unknown>({
    formRef,
    fields: ["email", "password"],
    schema: () => import("@/lib/organisations/schemas").then((m) => m.signInInput),
    action: signInAction,
  });
  const { errors } = signIn;
  return (
    <form ref={formRef} className="space-y-4" {...signIn.form}>
      <FormFailure message={signIn.failure} />
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
      <Button type="submit" className="w-full" disabled={signIn.pending}>
        {signIn.pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
