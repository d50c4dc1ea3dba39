"use client";
import { Link } from "@/components/ui/link";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { ChevronDown } from "@/components/ui/icons/chevron-down";
import { LogOut } from "@/components/ui/icons/log-out";
import { UserRound } from "@/components/ui/icons/user-round";

// The account menu, as the WAI-ARIA menu button pattern: the button opens a `menu` of two
// `menuitem`s, focus moves into it (arrow keys, Home/End move between items), Escape closes it
// and gives focus back to the button, Tab or a click elsewhere closes it. Written out rather
// than with a menu library: it is on every console page, and a positioned-popover library
// costs every page ~20 kB of JavaScript for two items anchored to the header's right edge.

const ITEM =
  "flex w-full cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-left text-sm outline-none hover:bg-slate-100 focus:bg-slate-100";

export function UserMenu({
  name,
  email,
  role,
  accountHref,
  signOut,
}: {
  name: string;
  email: string;
  role: string;
  /** The Account page (password, two-factor sign-in, sessions). */
  accountHref: string;
  /** The sign-out server action. */
  signOut: () => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const items = () => Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
  const close = (focusButton: boolean) => {
    setOpen(false);
    if (focusButton) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const outside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  const onMenuKey = (event: KeyboardEvent) => {
    const list = items();
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
    } else if (event.key === "Tab") setOpen(false);
  };

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-100"
        aria-label={`Account menu for ${email}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((was) => !was)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <span
          className="flex size-7 items-center justify-center rounded-full bg-brand-100 text-xs font-semibold text-brand-800"
          aria-hidden
        >
          {name.slice(0, 1).toUpperCase()}
        </span>
        <span className="hidden text-left sm:block">
          <span className="block font-medium leading-tight">{name}</span>
          {/* The role once: a member named after their role ("Owner") sees their email instead. */}
          <span className="block text-xs leading-tight text-slate-600">
            {name.trim().toLowerCase() === role.toLowerCase() ? email : role}
          </span>
        </span>
        <ChevronDown className="size-4 text-slate-500" aria-hidden />
      </button>
      {open && (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={`Account menu for ${email}`}
          onKeyDown={onMenuKey}
          className="absolute right-0 top-full z-50 mt-1.5 min-w-56 rounded-md border border-slate-200 bg-white p-1 shadow-lg"
        >
          <div role="presentation" className="px-2 py-1.5 text-xs text-slate-600">
            {email} · {role}
          </div>
          <div role="separator" className="my-1 h-px bg-slate-200" />
          <Link
            role="menuitem"
            tabIndex={-1}
            href={accountHref}
            className={ITEM}
            onClick={() => close(false)}
          >
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
      )}
    </div>
  );
}
