"use client";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import type { z } from "zod";
import type { replaceTemporaryPasswordInput } from "@/lib/auth/schemas";
import { usePlainForm } from "@/components/forms/use-plain-form";
import { PasswordFields } from "@/components/forms/password-fields";
import { Button } from "@/components/ui/button";
import { FormFailure } from "@/components/ui/card";
import { replaceTemporaryPasswordAction } from "../actions";

export function NewPasswordForm() {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const save = usePlainForm<z.input<typeof replaceTemporaryPasswordInput>, unknown>({
    formRef,
    fields: ["newPassword", "confirmPassword"],
    schema: () => import("@/lib/auth/schemas").then((m) => m.replaceTemporaryPasswordInput),
    action: replaceTemporaryPasswordAction,
    onOk: () => {
      router.replace("/");
      router.refresh();
    },
  });
  return (
    <form ref={formRef} className="space-y-4" {...save.form}>
      <FormFailure message={save.failure} />
      <PasswordFields errors={save.errors} />
      <Button type="submit" className="w-full" disabled={save.pending}>
        {save.pending ? "Saving…" : "Save password and continue"}
      </Button>
    </form>
  );
}
