"use client";
import { Link } from "@/components/ui/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";
import { NAV_ITEMS } from "./nav";

export function Sidebar({ environment }: { environment: string }) {
  const pathname = usePathname();
  const sections = [...new Set(NAV_ITEMS.map((item) => item.section))];
  return (
    <nav aria-label="Main" className="space-y-6 px-3 py-4">
      {sections.map((section) => (
        <div key={section}>
          <h2 className="px-2 text-xs font-semibold uppercase tracking-wide text-slate-600">{section}</h2>
          <ul className="mt-2 space-y-0.5">
            {NAV_ITEMS.filter((item) => item.section === section).map((item) => {
              const href = `/${environment}${item.path}`;
              const active = pathname === href || pathname.startsWith(`${href}/`);
              return (
                <li key={item.path}>
                  <Link
                    href={href}
                    aria-current={active ? "page" : undefined}
                    className={cn(
                      "block rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-200/70",
                      active && "bg-white font-medium text-brand-800 shadow-xs",
                    )}
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
