"use client";
import { useRouter } from "next/navigation";
import type { ComponentProps, MouseEvent } from "react";

/** A click the browser should handle itself: a new tab or window, a download, another site. */
function leavesThePage(event: MouseEvent<HTMLAnchorElement>) {
  const a = event.currentTarget;
  return (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey ||
    (a.target !== "" && a.target !== "_self") ||
    a.hasAttribute("download") ||
    a.origin !== window.location.origin
  );
}

/**
 * A link inside the console: navigates with the App Router (no full reload), and fetches the
 * next page's payload when the pointer or focus reaches it. next/link does the same, with ~4 kB
 * of JavaScript on every page that shows a link; this uses the router every page already has.
 */
export function Link({
  href,
  onClick,
  onPointerEnter,
  onFocus,
  ...props
}: Omit<ComponentProps<"a">, "href"> & { href: string }) {
  const router = useRouter();
  const prefetch = () => {
    if (href.startsWith("/")) router.prefetch(href);
  };
  return (
    <a
      {...props}
      href={href}
      onPointerEnter={(event) => {
        onPointerEnter?.(event);
        prefetch();
      }}
      onFocus={(event) => {
        onFocus?.(event);
        prefetch();
      }}
      onClick={(event) => {
        onClick?.(event);
        if (leavesThePage(event)) return;
        event.preventDefault();
        router.push(href);
      }}
    />
  );
}
