"use client";
import { useId, useState, type ReactNode } from "react";
import { toast } from "@/components/toast";
import { useAction } from "@/components/forms/use-action";
import type { ActionResult } from "@/lib/result";
import { Button } from "@/components/ui/button";
import { FormFailure } from "@/components/ui/card";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export type ConfirmByNameProps<T> = {
  /** The name to type; omit for a confirmation without typing. */
  name?: string;
  confirmLabel: string;
  pendingLabel?: string;
  /** What happens, in words. */
  children: ReactNode;
  run: (confirmName: string) => Promise<ActionResult<T>>;
  /** The toast on success. */
  done?: string | ((data: T) => string);
  onDone?: (data: T) => void;
};

/** ConfirmByNameDialog's form, fetched with the dialog. */
export function ConfirmByNameForm<T>({
  name,
  confirmLabel,
  pendingLabel = "Working…",
  children,
  run,
  done,
  onDone,
  close,
}: ConfirmByNameProps<T> & { close: () => void }) {
  const [typed, setTyped] = useState("");
  const inputId = useId();
  const mutation = useAction(run, (result) => {
    if (!result.ok) return;
    if (done) toast.success(typeof done === "function" ? done(result.data) : done);
    close();
    onDone?.(result.data);
  });
  const failure = mutation.failure;
  // The server checks the typed name too (it may have changed meanwhile): its word goes under the box.
  const nameError =
    mutation.result && !mutation.result.ok ? mutation.result.fieldErrors?.confirmName : undefined;
  const confirmed = name === undefined || typed === name;

  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (confirmed) mutation.run(typed);
      }}
    >
      <div className="space-y-2 text-sm">{children}</div>
      <FormFailure message={failure} />
      {name !== undefined ? (
        <Field
          id={inputId}
          error={nameError}
          label={
            <>
              Type <strong className="font-mono">{name}</strong> to confirm
            </>
          }
        >
          <Input
            autoComplete="off"
            spellCheck={false}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            {...fieldAria(inputId, nameError)}
          />
        </Field>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={close}>
          Cancel
        </Button>
        <Button type="submit" variant="danger" disabled={!confirmed || mutation.pending}>
          {mutation.pending ? pendingLabel : confirmLabel}
        </Button>
      </div>
    </form>
  );
}
