"use client";
import Link from "next/link";
import { DropdownMenu as M } from "radix-ui";
import { ChevronDown, LogOut, UserRound } from "lucide-react";

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
  return (
    <M.Root>
      <M.Trigger
        className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-100"
        aria-label={`Account menu for ${email}`}
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
      </M.Trigger>
      <M.Portal>
        <M.Content
          align="end"
          sideOffset={6}
          className="z-50 min-w-56 rounded-md border border-slate-200 bg-white p-1 shadow-lg"
        >
          <M.Label className="px-2 py-1.5 text-xs text-slate-600">
            {email} · {role}
          </M.Label>
          <M.Separator className="my-1 h-px bg-slate-200" />
          <M.Item
            asChild
            className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-slate-100"
          >
            <Link href={accountHref}>
              <UserRound className="size-4" aria-hidden /> Account
            </Link>
          </M.Item>
          <M.Item
            className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-slate-100"
            onSelect={() => void signOut()}
          >
            <LogOut className="size-4" aria-hidden /> Sign out
          </M.Item>
        </M.Content>
      </M.Portal>
    </M.Root>
  );
}
