"use client";
import { Link } from "@/components/ui/link";
import { useEffect, useRef, type KeyboardEvent, type RefObject } from "react";
import { LogOut } from "@/components/ui/icons/log-out";
import { UserRound } from "@/components/ui/icons/user-round";

// The account menu's open part (./user-menu): fetched when the page is idle, or at the first
// opening, rather than with every console page.

const ITEM =
  "flex w-full cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-left text-sm outline-none hover:bg-slate-100 focus:bg-slate-100";

/** The open menu: its first item gets the focus; a click outside `root` closes it. */
export function UserMenuItems({
  id,
  email,
  role,
  accountHref,
  signOut,
  root,
  close,
}: {
  id: string;
  email: string;
  role: string;
  accountHref: string;
  signOut: () => Promise<void>;
  /** The menu and its button: a pointer down outside closes the menu. */
  root: RefObject<HTMLDivElement | null>;
  /** Closes the menu, giving the focus back to the button or not. */
  close: (focusButton: boolean) => void;
}) {
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const outside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) close(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the menu opens
  }, []);

  const onMenuKey = (event: KeyboardEvent) => {
    const list = Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      list[(to + list.length) % list.length]?.focus();
    };
    if (event.key === "ArrowDown") move(at + 1);
    else if (event.key === "ArrowUp") move(at - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(list.length - 1);
    else if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (event.key === "Tab") close(false);
  };

  return (
    <div
      ref={menu}
      id={id}
      role="menu"
      aria-label={`Account menu for ${email}`}
      onKeyDown={onMenuKey}
      className="absolute right-0 top-full z-50 mt-1.5 min-w-56 rounded-md border border-slate-200 bg-white p-1 shadow-lg"
    >
      <div role="presentation" className="px-2 py-1.5 text-xs text-slate-600">
        {email} · {role}
      </div>
      <div role="separator" className="my-1 h-px bg-slate-200" />
      <Link role="menuitem" tabIndex={-1} href={accountHref} className={ITEM} onClick={() => close(false)}>
        <UserRound className="size-4" aria-hidden /> Account
      </Link>
      <button
        role="menuitem"
        tabIndex={-1}
        type="button"
        className={ITEM}
        onClick={() => {
          close(false);
          void signOut();
        }}
      >
        <LogOut className="size-4" aria-hidden /> Sign out
      </button>
    </div>
  );
}
