"use client";
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { MAIN_CONTENT_ID } from "./skip-link";

// A soft navigation keeps focus on the element that started it (often gone from the page).
// After a step that ends a flow (e.g. "Done" under a new secret) focus goes to the heading of
// the page it leads to, so keyboard and screen-reader users start reading there.
let pendingPath: string | null = null;

/** Moves focus to `path`'s main heading once the console has navigated there. */
export function focusHeadingAfterNavigation(path: string) {
  pendingPath = path.split(/[?#]/)[0] ?? path;
}

export function focusMainHeading(): boolean {
  const heading = document.querySelector<HTMLElement>(`#${MAIN_CONTENT_ID} h1`);
  if (!heading) return false;
  if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
  heading.focus();
  return true;
}

/** Placed once in the console's layout: carries out focusHeadingAfterNavigation. */
export function HeadingFocus() {
  const pathname = usePathname();
  useEffect(() => {
    if (pendingPath === null || pathname !== pendingPath) return;
    if (focusMainHeading()) pendingPath = null;
  });
  return null;
}
