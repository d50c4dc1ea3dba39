"use client";
import dynamic from "next/dynamic";
import type { ReactNode } from "react";

// The toaster is loaded after the page has hydrated, not with every page's first load: toasts
// answer a member's action, which comes later. Pages toast through components/toast.ts, which
// reaches the same sonner module (and its one store) when a toast is shown.
const Toaster = dynamic(() => import("sonner").then((m) => m.Toaster), { ssr: false });

export function Providers({ children }: { children: ReactNode }) {
  return (
    <>
      {children}
      {/* Default (not "rich") colours: the rich success green fails WCAG contrast. */}
      <Toaster position="bottom-right" closeButton />
    </>
  );
}
