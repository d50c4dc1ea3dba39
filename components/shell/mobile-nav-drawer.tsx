"use client";
import { X } from "@/components/ui/icons/x";
import { Dialog as D } from "radix-ui";
import type { RefObject } from "react";
import { BrandLink } from "./brand-link";
import { EnvironmentSwitcher } from "./environment-switcher";
import { Sidebar } from "./sidebar";

/** The drawer itself (a Radix dialog), loaded by MobileNav when it is first wanted. */
export function MobileNavDrawer({
  environment,
  environments,
  open,
  setOpen,
  trigger,
}: {
  environment: string;
  environments: string[];
  open: boolean;
  setOpen: (open: boolean) => void;
  /** The menu button, which gets the focus back when the drawer closes. */
  trigger: RefObject<HTMLButtonElement | null>;
}) {
  return (
    <D.Root open={open} onOpenChange={setOpen}>
      <D.Portal>
        <D.Overlay className="fixed inset-0 z-40 bg-slate-900/40 md:hidden" />
        <D.Content
          id="mobile-nav-drawer"
          className="fixed inset-y-0 left-0 z-50 w-[min(18rem,85vw)] overflow-y-auto bg-slate-100 shadow-xl md:hidden"
          aria-describedby={undefined}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            trigger.current?.focus();
          }}
        >
          <div className="space-y-4 border-b border-slate-200 p-4">
            <div className="flex items-center justify-between">
              <D.Title asChild>
                <BrandLink environment={environment} />
              </D.Title>
              <D.Close className="rounded p-1 text-slate-600 hover:bg-slate-200" aria-label="Close menu">
                <X className="size-4" aria-hidden />
              </D.Close>
            </div>
            <EnvironmentSwitcher current={environment} environments={environments} id="drawer-environment" />
          </div>
          <Sidebar environment={environment} />
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}
