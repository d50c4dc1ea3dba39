"use client";
import { Pause } from "@/components/ui/icons/pause";
import { Play } from "@/components/ui/icons/play";
import { RefreshCw } from "@/components/ui/icons/refresh-cw";
import { RotateCw } from "@/components/ui/icons/rotate-cw";
import { Send } from "@/components/ui/icons/send";
import { Trash2 } from "@/components/ui/icons/trash-2";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/toast";
import { useAction } from "@/components/forms/use-action";
import type { EndpointStatus } from "@/lib/webhooks/schemas";
import { ConfirmByNameDialog } from "@/components/confirm-by-name-dialog";
import { Button } from "@/components/ui/button";
import { FormFailure } from "@/components/ui/card";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import {
  deleteEndpointAction,
  rotateEndpointSecretAction,
  sendTestEventAction,
  setEndpointStatusAction,
} from "../actions";
import { announceOutcome } from "./delivery-toast";
import { webhooksPath } from "./format";
import { SecretOnce } from "./secret-once";

type Props = { environment: string; id: string; name: string; status: EndpointStatus };

/** Pause or resume (resume also re-enables an endpoint disabled by failures). */
export function StatusButton({ environment, id, status }: Omit<Props, "name">) {
  const router = useRouter();
  const next = status === "enabled" ? "paused" : "enabled";
  const mutation = useAction(setEndpointStatusAction, (result) => {
    if (!result.ok) return toast.error(result.error);
    toast.success(result.data.status === "paused" ? "Endpoint paused" : "Endpoint resumed");
    router.refresh();
  });
  return (
    <Button
      variant="secondary"
      disabled={mutation.pending}
      onClick={() => mutation.run({ environment, id, status: next })}
    >
      {next === "paused" ? <Pause aria-hidden /> : <Play aria-hidden />}
      {next === "paused" ? "Pause" : "Resume"}
    </Button>
  );
}

export function TestEventButton({ environment, id, status }: Omit<Props, "name">) {
  const router = useRouter();
  const mutation = useAction(sendTestEventAction, (result) => {
    if (!result.ok) return toast.error(result.error);
    announceOutcome(
      "Test event",
      result.data,
      status === "paused" ? "Test event queued (the endpoint is paused)" : "Test event queued",
    );
    router.refresh();
  });
  return (
    <Button variant="secondary" disabled={mutation.pending} onClick={() => mutation.run({ environment, id })}>
      <Send aria-hidden /> Send test event
    </Button>
  );
}

/** Rotates after a confirmation, then shows the new secret once. */
export function RotateSecretDialog({ environment, id }: Omit<Props, "name" | "status">) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const mutation = useAction(rotateEndpointSecretAction, (result) => {
    if (result.ok) router.refresh();
  });
  const failure = mutation.failure;
  const secret = mutation.result?.ok ? mutation.result.data.secret : null;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        mutation.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary">
          <RotateCw aria-hidden /> Rotate secret
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Rotate signing secret"
        description={
          secret
            ? "The new secret signs every delivery from now on."
            : "A new secret signs every delivery from now on. For 24 hours the current one signs too (a second signature), so receivers can switch without missing a delivery."
        }
      >
        <FormFailure message={failure} />
        {secret ? (
          <div className="space-y-4">
            <SecretOnce
              secret={secret}
              note="Copy the new signing secret now: it cannot be shown again. The previous secret keeps signing for 24 hours."
            />
            <div className="flex justify-end">
              <DialogClose asChild>
                <Button>Done</Button>
              </DialogClose>
            </div>
          </div>
        ) : (
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button disabled={mutation.pending} onClick={() => mutation.run({ environment, id })}>
              <RefreshCw aria-hidden /> {mutation.pending ? "Rotating…" : "Rotate secret"}
            </Button>
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}

/** Delete, confirmed by typing the endpoint's name. */
export function DeleteEndpointDialog({ environment, id, name }: Omit<Props, "status">) {
  const router = useRouter();
  return (
    <ConfirmByNameDialog
      trigger={
        <Button variant="danger">
          <Trash2 aria-hidden /> Delete
        </Button>
      }
      title="Delete endpoint"
      name={name}
      confirmLabel="Delete endpoint"
      pendingLabel="Deleting…"
      run={(confirmName) => deleteEndpointAction({ environment, id, confirmName })}
      done={(data) => `Endpoint ${data.name} deleted`}
      onDone={() => {
        router.push(webhooksPath(environment));
        router.refresh();
      }}
    >
      <p>
        Deliveries to this endpoint stop at once, and its messages and attempts are deleted with it. This
        cannot be undone.
      </p>
    </ConfirmByNameDialog>
  );
}
