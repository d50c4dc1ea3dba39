"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { toast } from "@/components/toast";
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
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { rotateApiKeyAction, type IssuedSecret } from "../actions";
import { CreatedKeyPanel, usePreloadCreatedKeyPanel } from "./lazy-created-key-panel";
import { ExpiryPicker } from "./expiry-picker";
import { formatDateTime } from "@/lib/dates";
import { secretShownOnce, useLeaveConfirmation } from "@/components/forms/use-leave-confirmation";

const GRACE_LABELS: Record<RotationGrace, string> = {
  none: "None — the old secret stops working now",
  "1h": "1 hour",
  "24h": "24 hours",
  "7d": "7 days",
  until_unused: "Until the old secret is unused for",
};
const LEAVE_QUESTION = secretShownOnce("new client secret");

/** The form as edited; the server's schema (rotateApiKeyInput) checks it and answers per field. */
type FormValues = { grace: RotationGrace; unusedMinutes: string; expiresAt: string };

export function RotateKeyDialog({
  environment,
  keyId,
  currentExpiresAt,
  tokenUrl,
  apiBaseUrl,
}: {
  environment: string;
  keyId: string;
  /** The key's expiry now (ISO, "" for none): rotating before it is the way to avoid downtime. */
  currentExpiresAt: string;
  tokenUrl: string;
  apiBaseUrl: string;
}) {
  const router = useRouter();
  usePreloadCreatedKeyPanel();
  const [open, setOpen] = useState(false);
  const [rotated, setRotated] = useState<IssuedSecret | null>(null);
  const leave = useLeaveConfirmation(rotated !== null, LEAVE_QUESTION);
  const defaults = (): FormValues => ({
    grace: "none",
    unusedMinutes: String(DEFAULT_UNUSED_MINUTES),
    expiresAt: currentExpiresAt,
  });
  const form = useForm<FormValues>({ defaultValues: defaults() });
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
    {
      onOk: (issued) => {
        setRotated(issued);
        toast.success("Secret rotated");
      },
    },
  );
  const { errors } = form.formState;

  const onOpenChange = (next: boolean) => {
    if (next) {
      form.reset(defaults());
      save.reset();
      setOpen(true);
      return;
    }
    // Closing over a new secret asks first, in the console's own dialog.
    leave.confirmLeave(() => {
      setOpen(false);
      if (rotated) router.refresh();
      setRotated(null);
    });
  };

  return (
    <>
      <Dialog open={open} onOpenChange={onOpenChange}>
        <DialogTrigger asChild>
          <Button variant="secondary">Rotate secret</Button>
        </DialogTrigger>
        <DialogContent
          title={rotated ? "New client secret" : "Rotate secret"}
          description={rotated ? undefined : "Issues a new client secret. The client ID stays the same."}
          className="w-[min(760px,95vw)]"
        >
          {rotated ? (
            <div className="space-y-4">
              <CreatedKeyPanel
                values={{
                  clientId: rotated.clientId,
                  clientSecret: rotated.clientSecret,
                  tokenUrl,
                  apiBaseUrl,
                }}
                note={
                  rotated.previousSecretUnusedMinutes
                    ? `Copy the new secret now; it cannot be shown again. The previous secret keeps working until it has been unused for ${rotated.previousSecretUnusedMinutes} minutes (at the latest ${formatDateTime(rotated.previousSecretExpiresAt)}); this page shows when it was last used.`
                    : rotated.previousSecretExpiresAt
                      ? `Copy the new secret now; it cannot be shown again. The previous secret keeps working until ${formatDateTime(rotated.previousSecretExpiresAt)}.`
                      : "Copy the new secret now; it cannot be shown again. The previous secret no longer works."
                }
              />
              <div className="flex justify-end">
                <Button onClick={() => onOpenChange(false)}>Done</Button>
              </div>
            </div>
          ) : (
            <form className="space-y-4" noValidate onSubmit={save.onSubmit}>
              <FormFailure message={save.failure} />
              <fieldset className="space-y-2">
                <legend className="text-sm font-medium">Grace period for the previous secret</legend>
                {ROTATION_GRACE_OPTIONS.map((option) => (
                  <label key={option} className="flex items-center gap-2 text-sm">
                    <input
                      type="radio"
                      value={option}
                      {...form.register("grace")}
                      className="accent-brand-700"
                    />
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
                  Without a grace period every service using the old secret fails from now on. Access tokens
                  issued under the old secret stop working when it does.
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
                <Button type="button" variant="secondary" onClick={() => onOpenChange(false)}>
                  Cancel
                </Button>
                <Button type="submit" disabled={save.pending}>
                  {save.pending ? "Rotating…" : "Rotate secret"}
                </Button>
              </div>
            </form>
          )}
        </DialogContent>
      </Dialog>
      {leave.dialog}
    </>
  );
}
