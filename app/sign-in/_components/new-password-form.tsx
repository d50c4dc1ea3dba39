"use client";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import type { replaceTemporaryPasswordInput } from "@/lib/auth/schemas";
import { lazyZodResolver } from "@/components/forms/lazy-zod-resolver";
import { useActionForm } from "@/components/forms/use-action-form";
import { PasswordFields } from "@/components/forms/password-fields";
import { Button } from "@/components/ui/button";
import { FormFailure } from "@/components/ui/card";
import { replaceTemporaryPasswordAction } from "../actions";

type Values = z.input<typeof replaceTemporaryPasswordInput>;

export function NewPasswordForm() {
  const router = useRouter();
  const form = useForm<Values>({
    resolver: lazyZodResolver<Values>(() =>
      import("@/lib/auth/schemas").then((m) => m.replaceTemporaryPasswordInput),
    ),
    defaultValues: { newPassword: "", confirmPassword: "" },
  });
  const save = useActionForm(form, replaceTemporaryPasswordAction, {
    onOk: () => {
      router.replace("/");
      router.refresh();
    },
  });
  return (
    <form className="space-y-4" noValidate onSubmit={save.onSubmit}>
      <FormFailure message={save.failure} />
      <PasswordFields form={form} />
      <Button type="submit" className="w-full" disabled={save.pending}>
        {save.pending ? "Saving…" : "Save password and continue"}
      </Button>
    </form>
  );
}
