"use client";
import { useMutation } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import type { CredentialUser } from "@/lib/credentials/users";
import { deleteCredentialAction } from "../actions";
import { credentialsPath } from "./format";

/** Deletes after a confirmation; from a detail page it returns to the list. */
export function DeleteCredentialDialog({
  environment,
  id,
  name,
  compact = false,
  leavePage = false,
  usedBy,
}: {
  environment: string;
  id: string;
  name: string;
  compact?: boolean;
  leavePage?: boolean;
  /** Its users, when known (the credential's page); the server refuses a credential in use anyway. */
  usedBy?: CredentialUser[];
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const mutation = useMutation({
    mutationFn: deleteCredentialAction,
    onSuccess: (result) => {
      if (!result.ok) return;
      toast.success(`Credential ${result.data.name} deleted`);
      setOpen(false);
      if (leavePage) router.push(credentialsPath(environment));
      router.refresh();
    },
  });
  const failure = mutation.data && !mutation.data.ok ? mutation.data.error : null;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        mutation.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button
          variant={compact ? "ghost" : "danger"}
          size={compact ? "sm" : "md"}
          aria-label={compact ? `Delete ${name}` : undefined}
        >
          <Trash2 aria-hidden /> Delete
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Delete credential"
        description={
          usedBy?.length
            ? `${name} is used by ${usedBy.map((u) => `${u.kindLabel} "${u.name}"`).join(", ")}: change ${usedBy.length === 1 ? "it" : "them"} to use another credential before deleting it.`
            : `Delete ${name}? This cannot be undone.`
        }
      >
        {failure ? (
          <Alert tone="danger" role="alert" className="mb-4">
            {failure}
          </Alert>
        ) : null}
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button
            variant="danger"
            disabled={mutation.isPending}
            onClick={() => mutation.mutate({ environment, id })}
          >
            {mutation.isPending ? "Deleting…" : "Delete credential"}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
