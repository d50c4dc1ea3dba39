"use client";

import { useEffect, useState } from "react";
import { buttonBase, buttonSizeClasses, buttonVariantClasses } from "@/components/ui/button-styles";

type State = "checking" | "database" | "other";

/**
 * What the console shows when a page fails: it asks GET /v1/ready whether the database is the
 * cause. If so it says so plainly and reloads the page by itself once the database answers again
 * (checked every 2 s); otherwise a generic message with a way to retry.
 */
export function UnavailablePage({ retry }: { retry: () => void }) {
  const [state, setState] = useState<State>("checking");

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wasDown = false;
    const check = async () => {
      let down = false;
      try {
        const response = await fetch("/v1/ready", { cache: "no-store" });
        const body = (await response.json().catch(() => ({}))) as { database?: string };
        down = response.status === 503 && body.database === "unavailable";
      } catch {
        down = false;
      }
      if (stopped) return;
      if (down) {
        wasDown = true;
        setState("database");
        timer = setTimeout(check, 2_000);
      } else if (wasDown) {
        window.location.reload();
      } else {
        setState("other");
      }
    };
    void check();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);

  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 p-6 text-center">
      {state === "database" ? (
        <>
          <h1 className="text-2xl font-semibold">Database unavailable</h1>
          <p className="max-w-md text-sm text-slate-600">
            Workbench cannot reach its database right now. Nothing is lost: this page reloads by itself as
            soon as the database answers again.
          </p>
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold">
            {state === "checking" ? "This page could not be loaded" : "Something went wrong"}
          </h1>
          <p className="max-w-md text-sm text-slate-600">The error has been logged. Try again in a moment.</p>
          <button
            type="button"
            onClick={retry}
            className={`${buttonBase} ${buttonVariantClasses.primary} ${buttonSizeClasses.md}`}
          >
            Try again
          </button>
        </>
      )}
    </main>
  );
}
