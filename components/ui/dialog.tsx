"use client";
import dynamic from "next/dynamic";
import {
  cloneElement,
  createContext,
  isValidElement,
  use,
  useEffect,
  useId,
  useRef,
  useState,
  type MouseEvent,
  type ReactElement,
  type ReactNode,
  type RefObject,
} from "react";
import { whenIdle } from "@/components/when-idle";
import type { DialogContentProps } from "./dialog-radix";

// The console's dialog, controlled (`open`, `onOpenChange`). Its trigger and close buttons are
// plain buttons; the dialog itself (Radix: focus trap, scroll lock, portal) is not part of a
// page's first load. It is fetched once the page is idle, and as soon as a trigger is touched,
// hovered or focused, so opening never waits on the network.
const loadRadixDialog = () => import("./dialog-radix").then((m) => m.RadixDialog);
const RadixDialog = dynamic(loadRadixDialog, { ssr: false });
let fetched = false;

type DialogState = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The trigger, which gets the focus back when the dialog closes. */
  trigger: RefObject<HTMLElement | null>;
  contentId: string;
  wanted: boolean;
  want: () => void;
};
const DialogContext = createContext<DialogState | null>(null);

function useDialog(part: string): DialogState {
  const state = use(DialogContext);
  if (!state) throw new Error(`${part} must be inside a Dialog`);
  return state;
}

export function Dialog({
  open,
  onOpenChange,
  preload,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Fetches what the content loads itself (its own next/dynamic parts), with the dialog. */
  preload?: () => void;
  children: ReactNode;
}) {
  const trigger = useRef<HTMLElement | null>(null);
  const contentId = useId();
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    if (fetched && !preload) return;
    return whenIdle(() => {
      fetched = true;
      void loadRadixDialog();
      preload?.();
    });
  }, [preload]);
  const want = () => {
    setWanted(true);
    preload?.();
  };
  return (
    <DialogContext value={{ open, onOpenChange, trigger, contentId, wanted: wanted || open, want }}>
      {children}
    </DialogContext>
  );
}

type ButtonChild = ReactElement<{
  onClick?: (event: MouseEvent<HTMLElement>) => void;
  type?: string;
}>;

/** Gives its one child (a button) a click handler that runs the child's own first, then `then`. */
function withClick(child: ReactNode, then: () => void, props: object = {}) {
  if (!isValidElement(child)) return child;
  const own = (child as ButtonChild).props;
  return cloneElement(child as ButtonChild, {
    type: own.type ?? "button",
    ...props,
    onClick: (event: MouseEvent<HTMLElement>) => {
      own.onClick?.(event);
      if (!event.defaultPrevented) then();
    },
  });
}

/** Opens the dialog: its one child, a button, with the dialog's ARIA state. */
export function DialogTrigger({ children }: { asChild: true; children: ReactNode }) {
  const { open, onOpenChange, trigger, contentId, want } = useDialog("DialogTrigger");
  return withClick(children, () => onOpenChange(true), {
    ref: trigger,
    "aria-haspopup": "dialog",
    "aria-expanded": open,
    "aria-controls": open ? contentId : undefined,
    onPointerDown: want,
    onPointerEnter: want,
    onFocus: want,
  });
}

/** Closes the dialog: its one child, a button. */
export function DialogClose({ children }: { asChild: true; children: ReactNode }) {
  const { onOpenChange } = useDialog("DialogClose");
  return withClick(children, () => onOpenChange(false));
}

export function DialogContent(props: DialogContentProps) {
  const { open, onOpenChange, trigger, contentId, wanted } = useDialog("DialogContent");
  if (!wanted) return null;
  return (
    <RadixDialog {...props} open={open} onOpenChange={onOpenChange} trigger={trigger} contentId={contentId} />
  );
}
