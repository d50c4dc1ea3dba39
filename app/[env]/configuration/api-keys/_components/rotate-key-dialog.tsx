"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import {
  DEFAULT_UNUSED_MINUTES,
  FOLLOW_TRAFFIC,
  MAX_UNUSED_MINUTES,
  ROTATION_GRACE_OPTIONS,
  type RotationGrace,
} from "@/lib/api-keys/schemas";
import { Input } from "@/components/ui/input";
import { Button } from "@/components/ui/button";
import { FormFailure } from "@/components/ui/card";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { rotateApiKeyAction, type IssuedSecret } from "../actions";
import { CreatedKeyPanel } from "./created-key-panel";
import { ExpiryPicker } from "./expiry-picker";
import { formatDateTime } from "@/lib/dates";
import { useLeaveConfirmation } from "@/components/forms/use-leave-confirmation";

const GRACE_LABELS: Record<RotationGrace, string> = {
  none: "None — the old secret stops working now",
  "1h": "1 hour",
  "24h": "24 hours",
  "7d": "7 days",
  until_unused: "Until the old secret is unused for",
};
const LEAVE_MESSAGE = "Have you copied the new client secret? It will not be shown again.";

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
  const [open, setOpen] = useState(false);
  const [grace, setGrace] = useState<RotationGrace>("none");
  const [unusedMinutes, setUnusedMinutes] = useState(String(DEFAULT_UNUSED_MINUTES));
  const [expiresAt, setExpiresAt] = useState(currentExpiresAt);
  const [rotated, setRotated] = useState<IssuedSecret | null>(null);
  useLeaveConfirmation(rotated !== null, LEAVE_MESSAGE);
  const mutation = useMutation({
    mutationFn: rotateApiKeyAction,
    onSuccess: (result) => {
      if (result.ok) {
        setRotated(result.data);
        toast.success("Secret rotated");
      }
    },
  });
  const failure = mutation.data && !mutation.data.ok ? mutation.data.error : null;
  const unusedMinutesError =
    mutation.data && !mutation.data.ok ? mutation.data.fieldErrors?.unusedMinutes : undefined;

  const onOpenChange = (next: boolean) => {
    if (!next && rotated && !window.confirm(LEAVE_MESSAGE)) return;
    setOpen(next);
    if (next) setExpiresAt(currentExpiresAt);
    if (!next) {
      if (rotated) router.refresh();
      setRotated(null);
      setGrace("none");
      setUnusedMinutes(String(DEFAULT_UNUSED_MINUTES));
      setExpiresAt(currentExpiresAt);
      mutation.reset();
    }
  };

  return (
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
          <form
            className="space-y-4"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              // The expiry is sent only when changed here: otherwise it stays as it is.
              mutation.mutate({
                environment,
                id: keyId,
                grace,
                ...(grace === FOLLOW_TRAFFIC ? { unusedMinutes } : {}),
                ...(expiresAt !== currentExpiresAt ? { expiresAt } : {}),
              });
            }}
          >
            <FormFailure message={failure} />
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium">Grace period for the previous secret</legend>
              {ROTATION_GRACE_OPTIONS.map((option) => (
                <label key={option} className="flex items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name="grace"
                    value={option}
                    checked={grace === option}
                    onChange={() => setGrace(option)}
                    className="accent-brand-700"
                  />
                  {GRACE_LABELS[option]}
                  {option === FOLLOW_TRAFFIC ? (
                    <>
                      <Input
                        aria-label="Minutes without a request that end the grace"
                        aria-invalid={unusedMinutesError ? true : undefined}
                        type="number"
                        min={1}
                        max={MAX_UNUSED_MINUTES}
                        value={unusedMinutes}
                        onChange={(event) => setUnusedMinutes(event.target.value)}
                        onFocus={() => setGrace(FOLLOW_TRAFFIC)}
                        className="h-8 w-20"
                      />
                      minutes (at most 7 days)
                    </>
                  ) : null}
                </label>
              ))}
              {unusedMinutesError ? (
                <p className="text-xs text-red-700" role="alert">
                  {unusedMinutesError}
                </p>
              ) : null}
              <p className="text-xs text-slate-600">
                Without a grace period every service using the old secret fails from now on. Access tokens
                issued under the old secret stop working when it does.
              </p>
            </fieldset>
            <ExpiryPicker
              id="rotate-expiry"
              label="Expiry of the key"
              value={expiresAt}
              onChange={setExpiresAt}
              error={mutation.data && !mutation.data.ok ? mutation.data.fieldErrors?.expiresAt : undefined}
            />
            <div className="flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={() => onOpenChange(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={mutation.isPending}>
                {mutation.isPending ? "Rotating…" : "Rotate secret"}
              </Button>
            </div>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
