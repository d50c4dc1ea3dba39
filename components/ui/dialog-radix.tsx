"use client";
import { X } from "@/components/ui/icons/x";
import { Dialog as D } from "radix-ui";
import type { ComponentProps, ReactNode, RefObject } from "react";
import { cn } from "@/lib/cn";

export type DialogContentProps = ComponentProps<typeof D.Content> & {
  title: ReactNode;
  description?: ReactNode;
};

/**
 * The Radix half of the console's dialog (./dialog), fetched when a dialog is first wanted: the
 * dialog itself, its overlay, title, description and close button. Focus goes back to the
 * dialog's trigger when it closes (to where it was before, for a dialog opened without one).
 */
export function RadixDialog({
  open,
  onOpenChange,
  trigger,
  contentId,
  title,
  description,
  children,
  className,
  onCloseAutoFocus,
  ...props
}: DialogContentProps & {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  trigger: RefObject<HTMLElement | null>;
  contentId: string;
}) {
  return (
    <D.Root open={open} onOpenChange={onOpenChange}>
      <D.Portal>
        <D.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <D.Content
          id={contentId}
          className={cn(
            "fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[min(640px,95vw)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-6 shadow-xl",
            className,
          )}
          {...(description ? {} : { "aria-describedby": undefined })}
          onCloseAutoFocus={(event) => {
            onCloseAutoFocus?.(event);
            if (event.defaultPrevented || !trigger.current?.isConnected) return;
            event.preventDefault();
            trigger.current.focus();
          }}
          {...props}
        >
          <div className="mb-4 flex items-start justify-between gap-4">
            <div>
              <D.Title className="text-lg font-semibold">{title}</D.Title>
              {description ? (
                <D.Description className="mt-1 text-sm text-slate-600">{description}</D.Description>
              ) : null}
            </div>
            <D.Close className="rounded p-1 text-slate-600 hover:bg-slate-100" aria-label="Close">
              <X className="size-4" />
            </D.Close>
          </div>
          {children}
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}
