"use client";
import { Link } from "@/components/ui/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

/** A sidebar link, marked as the current page while the console shows it or a page below it. */
export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const active = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cn(
        "block rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-200/70",
        active && "bg-white font-medium text-brand-800 shadow-xs",
      )}
    >
      {children}
    </Link>
  );
}
