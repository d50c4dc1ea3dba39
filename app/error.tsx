"use client";

import { UnavailablePage } from "@/components/errors/unavailable-page";

/** A page of the console failed to render (the database unavailable, or an unexpected error). */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <UnavailablePage retry={reset} />;
}
