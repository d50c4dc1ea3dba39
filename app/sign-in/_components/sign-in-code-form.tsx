"use client";
import { Link } from "@/components/ui/link";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import type { signInCodeInput } from "@/lib/auth/schemas";
import { lazyZodResolver } from "@/components/forms/lazy-zod-resolver";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field, fieldAria } from "@/components/ui/field";
import { FormFailure } from "@/components/ui/card";
import { signInCodeAction } from "../actions";

type Values = z.input<typeof signInCodeInput>;

/** The second step of signing in: the app's current code, or one recovery code instead. */
export function SignInCodeForm() {
  const form = useForm<Values>({
    resolver: lazyZodResolver<Values>(() => import("@/lib/auth/schemas").then((m) => m.signInCodeInput)),
    defaultValues: { method: "totp", code: "" },
  });
  const verify = useActionForm(form, signInCodeAction);
  const method = useWatch({ control: form.control, name: "method" });
  const error = form.formState.errors.code?.message;
  const recovery = method === "recovery";

  return (
    <form className="space-y-4" noValidate onSubmit={verify.onSubmit}>
      <p className="text-sm text-slate-600">
        {recovery
          ? "Enter one of the recovery codes you saved when you set up two-factor sign-in. Each code works once."
          : "Enter the 6-digit code your authenticator app shows for Workbench."}
      </p>
      <FormFailure message={verify.failure} />
      {verify.failure?.startsWith("Your sign-in has expired") ? (
        <Link href="/sign-in" className="text-sm font-medium text-brand-700 underline">
          Sign in again
        </Link>
      ) : null}
      <Field id="code" label={recovery ? "Recovery code" : "Authentication code"} error={error}>
        <Input
          key={method}
          autoComplete="one-time-code"
          inputMode={recovery ? "text" : "numeric"}
          autoFocus
          {...fieldAria("code", error)}
          {...form.register("code")}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={verify.pending}>
        {verify.pending ? "Checking…" : "Verify"}
      </Button>
      <Button
        type="button"
        variant="ghost"
        className="w-full"
        onClick={() => {
          form.reset({ method: recovery ? "totp" : "recovery", code: "" });
          verify.reset();
        }}
      >
        {recovery ? "Use the authenticator app instead" : "Use a recovery code instead"}
      </Button>
    </form>
  );
}
