"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ROTATION_GRACE_OPTIONS, type RotationGrace } from "@/lib/api-keys/schemas";
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

  const onOpenChange = (next: boolean) => {
    if (!next && rotated && !window.confirm(LEAVE_MESSAGE)) return;
    setOpen(next);
    if (next) setExpiresAt(currentExpiresAt);
    if (!next) {
      if (rotated) router.refresh();
      setRotated(null);
      setGrace("none");
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
                rotated.previousSecretExpiresAt
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
            onSubmit={(event) => {
              event.preventDefault();
              // The expiry is sent only when changed here: otherwise it stays as it is.
              mutation.mutate({
                environment,
                id: keyId,
                grace,
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
                </label>
              ))}
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
