"use client";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useTransition, type ReactNode } from "react";

/** How long typing pauses before the list follows (Stripe and Unkey wait about as long). */
export const SEARCH_DEBOUNCE_MS = 300;

/** The form's non-empty fields as a query string: the URL of the filtered list (page 1). */
function queryOf(form: HTMLFormElement): string {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form))
    if (typeof value === "string" && value.trim() !== "") params.set(name, value);
  return params.toString();
}

/**
 * A list's filters as a GET form that filters as you type: text fields apply after a pause
 * (debounced), selects at once, and the URL follows (replaced, not pushed), so a filtered list is
 * still a shareable link. Without JavaScript it is a plain GET form with its Apply button.
 */
export function LiveFilterForm({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const apply = (form: HTMLFormElement) => {
    clearTimeout(timer.current);
    const query = queryOf(form);
    const next = query ? `${pathname}?${query}` : pathname;
    if (next === `${window.location.pathname}${window.location.search}`) return;
    startTransition(() => router.replace(next, { scroll: false }));
  };

  return (
    <form
      method="get"
      role="search"
      aria-label={label}
      aria-busy={pending}
      className={className}
      onChange={(event) => {
        const form = event.currentTarget;
        if (event.target instanceof HTMLSelectElement) return apply(form);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => apply(form), SEARCH_DEBOUNCE_MS);
      }}
      onSubmit={(event) => {
        event.preventDefault();
        apply(event.currentTarget);
      }}
    >
      {children}
    </form>
  );
}
