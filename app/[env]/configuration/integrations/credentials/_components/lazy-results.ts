"use client";
import dynamic from "next/dynamic";
import { useEffect } from "react";
import { whenIdle } from "@/components/when-idle";

// A test's or a send's result shows only after the action: its panel is not part of the page's
// first load, but fetched once the page is idle, so it is there when the answer comes.
const load = () => import("./test-result");
export const TestResult = dynamic(() => load().then((m) => m.TestResult), { ssr: false });
export const SentResult = dynamic(() => load().then((m) => m.SentResult), { ssr: false });

/** Fetches the result panels once the page is idle. */
export function usePreloadResults() {
  useEffect(() => whenIdle(() => void load()), []);
}
