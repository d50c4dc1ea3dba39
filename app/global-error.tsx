"use client";

import dynamic from "next/dynamic";
import "./globals.css";

// The root layout itself failing is rare enough that its page is fetched when it happens, not
// shipped with every page's first load (the layouts below it fail into app/error.tsx).
const UnavailablePage = dynamic(() =>
  import("@/components/errors/unavailable-page").then((m) => m.UnavailablePage),
);

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
