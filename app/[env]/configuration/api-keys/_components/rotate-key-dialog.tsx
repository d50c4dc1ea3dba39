"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import dynamic from "next/dynamic";
import { toast } from "@/components/toast";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import type { IssuedSecret } from "../actions";
import { CreatedKeyPanel, usePreloadCreatedKeyPanel } from "./lazy-created-key-panel";
import { formatDateTime } from "@/lib/dates";
import { secretShownOnce, useLeaveConfirmation } from "@/components/forms/use-leave-confirmation";

const LEAVE_QUESTION = secretShownOnce("new client secret");

// The form (the expiry picker, the form library) is fetched with the dialog (once the page is
// idle, or when the button is touched, hovered or focused), not with the page.
const loadForm = () => import("./rotate-key-form").then((m) => m.RotateKeyForm);
const preloadForm = () => void loadForm();
const RotateKeyForm = dynamic(loadForm, { ssr: false });

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
  const onOpenChange = (next: boolean) => {
    // The form's state goes with the dialog's content: each opening starts from the defaults.
    if (next) return setOpen(true);
    // Closing over a new secret asks first, in the console's own dialog.
    leave.confirmLeave(() => {
      setOpen(false);
      if (rotated) router.refresh();
      setRotated(null);
    });
  };

  return (
    <>
      <Dialog open={open} onOpenChange={onOpenChange} preload={preloadForm}>
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
            <RotateKeyForm
              environment={environment}
              keyId={keyId}
              currentExpiresAt={currentExpiresAt}
              onRotated={(issued) => {
                setRotated(issued);
                toast.success("Secret rotated");
              }}
              onCancel={() => onOpenChange(false)}
            />
          )}
        </DialogContent>
      </Dialog>
      {leave.dialog}
    </>
  );
}
