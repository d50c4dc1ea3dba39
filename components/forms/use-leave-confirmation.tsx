"use client";
import { useRouter } from "next/navigation";
import dynamic from "next/dynamic";
import { useCallback, useEffect, useRef, useState, type ComponentType, type ReactNode } from "react";
import type { LeaveDialogProps } from "./leave-dialog";

const LazyLeaveDialog = dynamic(() => import("./leave-dialog").then((m) => m.LeaveDialog), { ssr: false });

/** What the console asks before a step that loses something, and its two answers. */
export type LeaveQuestion = { title: string; description: string; stay: string; leave: string };

/** Before leaving a secret that is shown once (a new client secret, a temporary password). */
export function secretShownOnce(what: string): LeaveQuestion {
  return {
    title: `Have you copied the ${what}?`,
    description: "It will not be shown again.",
    stay: "Go back and copy",
    leave: "I have copied it",
  };
}

/** Before leaving a form with unsaved changes. */
export function unsavedChanges(what: string): LeaveQuestion {
  return {
    title: "Leave without saving?",
    description: `${what} has unsaved changes.`,
    stay: "Keep editing",
    leave: "Leave without saving",
  };
}

/**
 * While `active`, asks before the page is left: a click on any in-app link (and any step the
 * caller routes through `confirmLeave`, e.g. Done or closing a dialog) opens the console's own
 * alert dialog, `dialog`, which the caller renders. A reload or tab close (beforeunload) gets
 * the browser's own question: browsers allow no other dialog there, and show their own words.
 * Used while a one-time secret is on screen, and while a form has unsaved changes.
 *
 * The dialog is fetched when the page first has something to lose. A view that is itself fetched
 * later and asks from its first moment (a new key's secret) passes `Dialog`, the dialog imported
 * with it, so that its question never waits on another chunk.
 */
export function useLeaveConfirmation(
  active: boolean,
  question: LeaveQuestion,
  Dialog: ComponentType<LeaveDialogProps> = LazyLeaveDialog,
): { confirmLeave: (proceed: () => void) => void; dialog: ReactNode } {
  const router = useRouter();
  // The step to take once the member confirms; null while nothing is asked.
  const [pending, setPending] = useState<(() => void) | null>(null);
  // Where focus goes back to when the member stays (the Done button, the link clicked).
  const returnFocus = useRef<HTMLElement | null>(null);

  const confirmLeave = useCallback(
    (proceed: () => void) => {
      if (!active) return proceed();
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setPending(() => proceed);
    },
    [active],
  );

  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      // A modified click opens another tab: this page stays.
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(link instanceof HTMLAnchorElement) || link.target === "_blank" || link.hasAttribute("download"))
        return;
      const url = new URL(link.href, window.location.href);
      if (url.origin === window.location.origin && url.pathname === window.location.pathname && url.hash)
        return; // an anchor on this page
      event.preventDefault();
      event.stopPropagation();
      returnFocus.current = link;
      setPending(() => () => {
        if (url.origin === window.location.origin) router.push(`${url.pathname}${url.search}${url.hash}`);
        else window.location.assign(url.href);
      });
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [active, router]);

  // The alert dialog (Radix) is fetched when the page first has something to lose.
  const dialog =
    active || pending !== null ? (
      <Dialog
        question={question}
        open={pending !== null}
        onStay={() => setPending(null)}
        onLeave={() => {
          const proceed = pending;
          returnFocus.current = null;
          setPending(null);
          proceed?.();
        }}
        onClosed={() => {
          // Staying: back to where the member was. Leaving: the next page places focus.
          if (returnFocus.current?.isConnected) returnFocus.current.focus();
          returnFocus.current = null;
        }}
      />
    ) : null;
  return { confirmLeave, dialog };
}
