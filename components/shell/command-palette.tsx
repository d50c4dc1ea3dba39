"use client";
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import type { CommandPaletteProps } from "./command-palette-dialog";

// The palette's code (cmdk, the Radix dialog) is fetched when the palette is first wanted —
// a hover or focus of its button, or Ctrl+K — not with every console page.
const CommandPaletteDialog = dynamic(
  () => import("./command-palette-dialog").then((m) => m.CommandPaletteDialog),
  { ssr: false },
);

export function CommandPalette(props: CommandPaletteProps) {
  const [open, setOpen] = useState(false);
  const [wanted, setWanted] = useState(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setWanted(true);
        setOpen((value) => !value);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const want = () => setWanted(true);
  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        onPointerEnter={want}
        onFocus={want}
        onClick={() => {
          setWanted(true);
          setOpen(true);
        }}
        className="flex h-9 w-full items-center justify-between rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-600 hover:bg-slate-50"
      >
        <span className="truncate">Search or jump to…</span>
        {/* A keyboard shortcut means nothing on a touch screen. */}
        <kbd className="rounded border border-slate-300 px-1.5 text-xs text-slate-600 [@media(pointer:coarse)]:hidden">
          Ctrl K
        </kbd>
      </button>
      {wanted ? <CommandPaletteDialog {...props} open={open} setOpen={setOpen} /> : null}
    </>
  );
}
