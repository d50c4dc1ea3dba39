"use client";
import dynamic from "next/dynamic";
import { useState, type ReactNode } from "react";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import type { ConfirmByNameProps } from "./confirm-by-name-form";

const loadForm = () => import("./confirm-by-name-form").then((m) => m.ConfirmByNameForm);
// The form (its field, its action) is fetched with the dialog, not with the page.
const ConfirmByNameForm = dynamic(loadForm, { ssr: false });
const preloadForm = () => void loadForm();

/**
 * The console's one confirmation for destructive actions (delete, revoke, remove): the action
 * runs only once the thing's name has been typed, like GitHub, Stripe and Unkey ask. Without
 * `name` it is a plain "Are you sure?" dialog for actions that are not destructive (resets).
 *
 * `run` receives what was typed (`confirmName`), so the server can check it too.
 */
export function ConfirmByNameDialog<T>({
  trigger,
  open: openFromOutside,
  onOpenChange,
  title,
  ...form
}: ConfirmByNameProps<T> & {
  /** The button that opens the dialog; without one, `open` and `onOpenChange` control it from outside. */
  trigger?: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  title: string;
}) {
  const [ownOpen, setOwnOpen] = useState(false);
  const open = openFromOutside ?? ownOpen;
  const setOpen = (next: boolean) => {
    setOwnOpen(next);
    onOpenChange?.(next);
  };
  return (
    <Dialog open={open} onOpenChange={setOpen} preload={preloadForm}>
      {trigger ? <DialogTrigger asChild>{trigger}</DialogTrigger> : null}
      <DialogContent title={title}>
        {/* Mounted on each opening: nothing typed, no earlier answer. */}
        <ConfirmByNameForm {...(form as ConfirmByNameProps<unknown>)} close={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}
