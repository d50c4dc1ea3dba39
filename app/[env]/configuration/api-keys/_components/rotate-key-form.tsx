"use client";
import { Controller, useForm } from "react-hook-form";
import {
  DEFAULT_UNUSED_MINUTES,
  FOLLOW_TRAFFIC,
  MAX_UNUSED_MINUTES,
  ROTATION_GRACE_OPTIONS,
  type RotationGrace,
} from "@/lib/api-keys/constants";
import { Input } from "@/components/ui/input";
import { Button } from "@/components/ui/button";
import { FormFailure } from "@/components/ui/card";
import { useActionForm } from "@/components/forms/use-action-form";
import { rotateApiKeyAction, type IssuedSecret } from "../actions";
import { ExpiryPicker } from "./expiry-picker";

const GRACE_LABELS: Record<RotationGrace, string> = {
  none: "None — the old secret stops working now",
  "1h": "1 hour",
  "24h": "24 hours",
  "7d": "7 days",
  until_unused: "Until the old secret is unused for",
};

/** The form as edited; the server's schema (rotateApiKeyInput) checks it and answers per field. */
type FormValues = { grace: RotationGrace; unusedMinutes: string; expiresAt: string };

/** The rotate dialog's form: mounted when the dialog opens, so it starts from the defaults. */
export function RotateKeyForm({
  environment,
  keyId,
  currentExpiresAt,
  onRotated,
  onCancel,
}: {
  environment: string;
  keyId: string;
  currentExpiresAt: string;
  onRotated: (issued: IssuedSecret) => void;
  onCancel: () => void;
}) {
  const form = useForm<FormValues>({
    defaultValues: {
      grace: "none",
      unusedMinutes: String(DEFAULT_UNUSED_MINUTES),
      expiresAt: currentExpiresAt,
    },
  });
  const save = useActionForm(
    form,
    ({ grace, unusedMinutes, expiresAt }) =>
      rotateApiKeyAction({
        environment,
        id: keyId,
        grace,
        ...(grace === FOLLOW_TRAFFIC ? { unusedMinutes } : {}),
        // The expiry is sent only when changed here: otherwise it stays as it is.
        ...(expiresAt !== currentExpiresAt ? { expiresAt } : {}),
      }),
    { onOk: onRotated },
  );
  const { errors } = form.formState;

  return (
    <form className="space-y-4" noValidate onSubmit={save.onSubmit}>
      <FormFailure message={save.failure} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Grace period for the previous secret</legend>
        {ROTATION_GRACE_OPTIONS.map((option) => (
          <label key={option} className="flex items-center gap-2 text-sm">
            <input type="radio" value={option} {...form.register("grace")} className="accent-brand-700" />
            {GRACE_LABELS[option]}
            {option === FOLLOW_TRAFFIC ? (
              <>
                <Input
                  aria-label="Minutes without a request that end the grace"
                  aria-invalid={errors.unusedMinutes ? true : undefined}
                  aria-describedby={errors.unusedMinutes ? "rotate-unused-minutes-error" : undefined}
                  type="number"
                  min={1}
                  max={MAX_UNUSED_MINUTES}
                  {...form.register("unusedMinutes")}
                  onFocus={() => form.setValue("grace", FOLLOW_TRAFFIC)}
                  className="h-8 w-20"
                />
                minutes (at most 7 days)
              </>
            ) : null}
          </label>
        ))}
        {errors.unusedMinutes ? (
          <p id="rotate-unused-minutes-error" className="text-xs text-red-700" role="alert">
            {errors.unusedMinutes.message}
          </p>
        ) : null}
        <p className="text-xs text-slate-600">
          Without a grace period every service using the old secret fails from now on. Access tokens issued
          under the old secret stop working when it does.
        </p>
      </fieldset>
      <Controller
        control={form.control}
        name="expiresAt"
        render={({ field }) => (
          <ExpiryPicker
            id="rotate-expiry"
            label="Expiry of the key"
            value={field.value}
            onChange={field.onChange}
            error={errors.expiresAt?.message}
          />
        )}
      />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={save.pending}>
          {save.pending ? "Rotating…" : "Rotate secret"}
        </Button>
      </div>
    </form>
  );
}
