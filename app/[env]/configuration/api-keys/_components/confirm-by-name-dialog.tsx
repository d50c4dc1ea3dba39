"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/result";
import { Button } from "@/components/ui/button";
import { FormFailure } from "@/components/ui/card";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { deleteApiKeyAction, revokeApiKeyAction } from "../actions";

const ACTIONS = {
  revoke: { run: revokeApiKeyAction, title: "Revoke API key", button: "Revoke key", done: "API key revoked" },
  delete: { run: deleteApiKeyAction, title: "Delete API key", button: "Delete key", done: "API key deleted" },
} satisfies Record<
  string,
  { run: (input: unknown) => Promise<ActionResult>; title: string; button: string; done: string }
>;

/** Revoke or delete, confirmed by typing the key's name. */
export function ConfirmByNameDialog({
  action,
  environment,
  keyId,
  keyName,
  children,
}: {
  action: keyof typeof ACTIONS;
  environment: string;
  keyId: string;
  keyName: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const config = ACTIONS[action];
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const mutation = useMutation({
    mutationFn: config.run,
    onSuccess: (result) => {
      if (!result.ok) return;
      toast.success(config.done);
      setOpen(false);
      if (action === "delete") router.push(`/${environment}/configuration/api-keys`);
      router.refresh();
    },
  });
  const failure = mutation.data && !mutation.data.ok ? mutation.data.error : null;
  const inputId = `${action}-confirm-name`;

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setTyped("");
        mutation.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="danger">{config.button}</Button>
      </DialogTrigger>
      <DialogContent title={config.title}>
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            mutation.mutate({ environment, id: keyId, confirmName: typed });
          }}
        >
          <div className="space-y-2 text-sm">{children}</div>
          <FormFailure message={failure} />
          <Field
            id={inputId}
            label={
              <>
                Type <strong className="font-mono">{keyName}</strong> to confirm
              </>
            }
          >
            <Input
              autoComplete="off"
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              {...fieldAria(inputId)}
            />
          </Field>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={typed !== keyName || mutation.isPending}>
              {mutation.isPending ? "Working…" : config.button}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
