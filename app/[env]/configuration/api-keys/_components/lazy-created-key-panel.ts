"use client";
import dynamic from "next/dynamic";
import { useEffect } from "react";
import { whenIdle } from "@/components/when-idle";

// The new secret's panel (Radix Tabs, the code samples) shows only after a create or a rotate:
// it is not part of the page's first load, but fetched once the page is idle, so it is there
// when the answer comes.
const load = () => import("./created-key-panel").then((m) => m.CreatedKeyPanel);
export const CreatedKeyPanel = dynamic(load, { ssr: false });

/** Fetches CreatedKeyPanel once the page is idle. */
export function usePreloadCreatedKeyPanel() {
  useEffect(() => whenIdle(() => void load()), []);
}
