"use client";
import { Menu } from "@/components/ui/icons/menu";
import dynamic from "next/dynamic";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { whenIdle } from "@/components/when-idle";

const loadDrawer = () => import("./mobile-nav-drawer").then((m) => m.MobileNavDrawer);
// The drawer's code (the Radix dialog) is not part of a page's first load: on a narrow screen
// it is fetched once the page is idle, and anywhere as soon as the menu button is touched,
// hovered or focused, so opening it never waits.
const MobileNavDrawer = dynamic(loadDrawer, { ssr: false });

/** Phones and narrow windows: the sidebar and the environment switcher in a drawer. */
export function MobileNav({ environment, environments }: { environment: string; environments: string[] }) {
  const [open, setOpen] = useState(false);
  const [wanted, setWanted] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();
  // Following a link closes the drawer (state adjusted while rendering, as React advises).
  const [shownFor, setShownFor] = useState(pathname);
  if (pathname !== shownFor) {
    setShownFor(pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!window.matchMedia("(max-width: 767.98px)").matches) return;
    return whenIdle(() => void loadDrawer());
  }, []);

  const want = () => setWanted(true);
  return (
    <>
      <button
        ref={trigger}
        type="button"
        aria-label="Open menu"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? "mobile-nav-drawer" : undefined}
        onPointerDown={want}
        onPointerEnter={want}
        onFocus={want}
        onClick={() => {
          setWanted(true);
          setOpen(true);
        }}
        className="inline-flex size-9 shrink-0 items-center justify-center rounded-md border border-slate-300 bg-white text-slate-700 hover:bg-slate-50 md:hidden"
      >
        <Menu className="size-5" aria-hidden />
      </button>
      {wanted ? (
        <MobileNavDrawer
          environment={environment}
          environments={environments}
          open={open}
          setOpen={setOpen}
          trigger={trigger}
        />
      ) : null}
    </>
  );
}
