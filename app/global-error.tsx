"use client";

import { UnavailablePage } from "@/components/errors/unavailable-page";
import "./globals.css";

/** The root layout itself failed: the same page, in a document of its own. */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="font-sans">
        <UnavailablePage retry={reset} />
      </body>
    </html>
  );
}
