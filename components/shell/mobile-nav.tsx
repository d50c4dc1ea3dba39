"use client";
import { Menu, X, KeyRound } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Dialog as D } from "radix-ui";
import { useState } from "react";
import { EnvironmentSwitcher } from "./environment-switcher";
import { Sidebar } from "./sidebar";

/** Phones and narrow windows: the sidebar and the environment switcher in a drawer. */
export function MobileNav({ environment, environments }: { environment: string; environments: string[] }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  // Following a link closes the drawer (state adjusted while rendering, as React advises).
  const [shownFor, setShownFor] = useState(pathname);
  if (pathname !== shownFor) {
    setShownFor(pathname);
    setOpen(false);
  }
  return (
    <D.Root open={open} onOpenChange={setOpen}>
      <D.Trigger
        className="inline-flex size-9 shrink-0 items-center justify-center rounded-md border border-slate-300 bg-white text-slate-700 hover:bg-slate-50 md:hidden"
        aria-label="Open menu"
      >
        <Menu className="size-5" aria-hidden />
      </D.Trigger>
      <D.Portal>
        <D.Overlay className="fixed inset-0 z-40 bg-slate-900/40 md:hidden" />
        <D.Content
          className="fixed inset-y-0 left-0 z-50 w-[min(18rem,85vw)] overflow-y-auto bg-slate-100 shadow-xl md:hidden"
          aria-describedby={undefined}
        >
          <div className="space-y-4 border-b border-slate-200 p-4">
            <div className="flex items-center justify-between">
              <D.Title asChild>
                <Link
                  href={`/${environment}/configuration/api-keys`}
                  className="flex items-center gap-2 font-semibold"
                >
                  <KeyRound className="size-5 text-brand-700" aria-hidden />
                  Workbench
                </Link>
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
