"use client";
import { AlertDialog as A } from "radix-ui";
import { Button } from "@/components/ui/button";
import type { LeaveQuestion } from "./use-leave-confirmation";

export type LeaveDialogProps = {
  question: LeaveQuestion;
  open: boolean;
  onStay: () => void;
  onLeave: () => void;
  /** Places the focus once the dialog has closed (instead of Radix). */
  onClosed: () => void;
};

/** useLeaveConfirmation's alert dialog, fetched when the page first has something to lose. */
export function LeaveDialog({ question, open, onStay, onLeave, onClosed }: LeaveDialogProps) {
  return (
    <A.Root
      open={open}
      onOpenChange={(next) => {
        if (!next) onStay();
      }}
    >
      <A.Portal>
        <A.Overlay className="fixed inset-0 z-[60] bg-slate-900/40" />
        <A.Content
          className="fixed left-1/2 top-1/2 z-[60] w-[min(440px,95vw)] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl"
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            onClosed();
          }}
        >
          <A.Title className="text-lg font-semibold">{question.title}</A.Title>
          <A.Description className="mt-1 text-sm text-slate-600">{question.description}</A.Description>
          <div className="mt-5 flex justify-end gap-2">
            <A.Cancel asChild>
              <Button variant="secondary">{question.stay}</Button>
            </A.Cancel>
            <A.Action asChild>
              <Button onClick={onLeave}>{question.leave}</Button>
            </A.Action>
          </div>
        </A.Content>
      </A.Portal>
    </A.Root>
  );
}
