"use client";
import { RefreshCw } from "@/components/ui/icons/refresh-cw";
import { Repeat } from "@/components/ui/icons/repeat";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "@/components/toast";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { FormFailure } from "@/components/ui/card";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useActionForm } from "@/components/forms/use-action-form";
import { replayFailedAction, resendMessageAction } from "../actions";
import { announceOutcome } from "./delivery-toast";

export function ResendButton({
  environment,
  id,
  messageId,
}: {
  environment: string;
  id: string;
  messageId: string;
}) {
  const router = useRouter();
  const mutation = useAction(resendMessageAction, (result) => {
    if (!result.ok) return toast.error(result.error);
    announceOutcome("Resent", result.data, "Message queued to be sent again");
    router.refresh();
  });
  return (
    <Button
      variant="secondary"
      size="sm"
      disabled={mutation.pending}
      aria-label={`Resend ${messageId}`}
      onClick={() => mutation.run({ environment, id, messageId })}
    >
      <Repeat aria-hidden /> Resend
    </Button>
  );
}

const LIVE_INTERVAL_MS = 3_000;

/**
 * The page re-reads the messages: on demand, and by itself every few seconds while a message on
 * it is still pending (its attempts arrive while the page is open) and the tab is visible.
 */
export function RefreshButton({ live = false }: { live?: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, LIVE_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [live, router]);
  return (
    <div className="flex items-center gap-2">
      {live ? (
        <span className="text-xs text-slate-600" role="status">
          Updating while messages are pending
        </span>
      ) : null}
      <Button variant="secondary" size="sm" onClick={() => router.refresh()}>
        <RefreshCw aria-hidden /> Refresh
      </Button>
    </div>
  );
}

function localInputValue(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** "Replay all failed since…": queues every failed message created since the chosen time. */
export function ReplayForm({ environment, id }: { environment: string; id: string }) {
  const router = useRouter();
  // A day ago, taken once when the form appears.
  const [dayAgo] = useState(() => localInputValue(new Date(Date.now() - 24 * 60 * 60 * 1000)));
  const form = useForm<{ since: string }>({ defaultValues: { since: dayAgo } });
  const replay = useActionForm(
    form,
    ({ since }: { since: string }) => {
      const date = new Date(since);
      return replayFailedAction({
        environment,
        id,
        since: Number.isNaN(date.getTime()) ? since : date.toISOString(),
      });
    },
    {
      onOk: (data) => {
        toast.success(
          data.count === 0
            ? "No failed messages since then"
            : `${data.count} failed message${data.count === 1 ? "" : "s"} queued again`,
        );
        router.refresh();
      },
    },
  );
  const fieldError = form.formState.errors.since?.message;
  return (
    <form
      aria-label="Replay failed messages"
      className="flex flex-wrap items-end gap-2"
      noValidate
      onSubmit={replay.onSubmit}
    >
      <Field id="replay-since" label="Replay all failed since" error={fieldError}>
        <Input type="datetime-local" {...fieldAria("replay-since", fieldError)} {...form.register("since")} />
      </Field>
      <Button type="submit" variant="secondary" disabled={replay.pending}>
        <Repeat aria-hidden /> {replay.pending ? "Replaying…" : "Replay failed"}
      </Button>
      {replay.failure && !fieldError ? <FormFailure message={replay.failure} /> : null}
    </form>
  );
}
