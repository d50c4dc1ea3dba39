"use client";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import type { signInInput } from "@/lib/organisations/schemas";
import { lazyZodResolver } from "@/components/forms/lazy-zod-resolver";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field, fieldAria } from "@/components/ui/field";
import { FormFailure } from "@/components/ui/card";
import { signInAction } from "../actions";

type Values = z.infer<typeof signInInput>;

export function SignInForm() {
  const form = useForm<Values>({
    resolver: lazyZodResolver<Values>(() => import("@/lib/organisations/schemas").then((m) => m.signInInput)),
    defaultValues: { email: "", password: "" },
  });
  const signIn = useActionForm(form, signInAction);
  const { errors } = form.formState;

  return (
    <form className="space-y-4" noValidate onSubmit={signIn.onSubmit}>
      <FormFailure message={signIn.failure} />
      <Field id="email" label="Email" error={errors.email?.message}>
        <Input
          type="email"
          autoComplete="username"
          autoFocus
          {...fieldAria("email", errors.email?.message)}
          {...form.register("email")}
        />
      </Field>
      <Field id="password" label="Password" error={errors.password?.message}>
        <Input
          type="password"
          autoComplete="current-password"
          {...fieldAria("password", errors.password?.message)}
          {...form.register("password")}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={signIn.pending}>
        {signIn.pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
