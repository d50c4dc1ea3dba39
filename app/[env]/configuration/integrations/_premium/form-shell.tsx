"use client";
import type { FormEventHandler, ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormFailure } from "@/components/ui/card";
import { DialogClose } from "@/components/ui/dialog";

/** The frame every integration form shares: failure message, fields, Cancel / Save. */
export function FormShell({
  label,
  failure,
  pending,
  onSubmit,
  children,
}: {
  label: string;
  failure: string | null;
  pending: boolean;
  onSubmit: FormEventHandler<HTMLFormElement>;
  children: ReactNode;
}) {
  return (
    <form className="space-y-4" noValidate aria-label={label} onSubmit={onSubmit}>
      <FormFailure message={failure} />
      {children}
      <div className="flex justify-end gap-2 pt-2">
        <DialogClose asChild>
          <Button type="button" variant="secondary">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
      </div>
    </form>
  );
}
