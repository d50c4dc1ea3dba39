"use client";
import dynamic from "next/dynamic";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { whenIdle } from "@/components/when-idle";

// The account menu, as the WAI-ARIA menu button pattern: the button opens a `menu` of two
// `menuitem`s, focus moves into it (arrow keys, Home/End move between items), Escape closes it
// and gives focus back to the button, Tab or a click elsewhere closes it. Written out rather
// than with a menu library: it is on every console page, and a positioned-popover library
// costs every page ~20 kB of JavaScript for two items anchored to the header's right edge. The
// open menu (./user-menu-items) is fetched when the page is idle, not with the page; the
// button's face (./user-menu-face) is rendered on the server.

const loadItems = () => import("./user-menu-items").then((m) => m.UserMenuItems);
const UserMenuItems = dynamic(loadItems, { ssr: false });

export function UserMenu({
  children,
  email,
  role,
  accountHref,
  signOut,
}: {
  /** The button's face (UserMenuFace). */
  children: ReactNode;
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
  const menuId = useId();
  useEffect(() => whenIdle(() => void loadItems()), []);

  const close = (focusButton: boolean) => {
    setOpen(false);
    if (focusButton) button.current?.focus();
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
        {children}
      </button>
      {open && (
        <UserMenuItems
          id={menuId}
          email={email}
          role={role}
          accountHref={accountHref}
          signOut={signOut}
          root={root}
          close={close}
        />
      )}
    </div>
  );
}
