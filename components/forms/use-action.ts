"use client";
import { useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/result";

/**
 * A server action run from a button or a small form, as a React transition (no query library
 * on the page for one request): `pending` until the action has answered and what `onResult`
 * started (a refresh, a navigation) is in; `result` is the latest answer, for its error and
 * field errors. An action that cannot be reached (network, server gone) is logged and changes
 * nothing on screen. Only the latest run's answer counts.
 */
export function useAction<I, T>(
  action: (input: I) => Promise<ActionResult<T>>,
  onResult?: (result: ActionResult<T>, input: I) => void,
) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult<T> | undefined>(undefined);
  const latestRef = useRef(0);
  const run = (input: I) => {
    const call = ++latestRef.current;
    startTransition(async () => {
      let answer: ActionResult<T>;
      try {
        answer = await action(input);
      } catch (error) {
        console.error(error);
        return;
      }
      if (call !== latestRef.current) return;
      startTransition(() => {
        setResult(answer);
        onResult?.(answer, input);
      });
    });
  };
  const reset = () => {
    latestRef.current++;
    setResult(undefined);
  };
  return {
    run,
    pending,
    result,
    /** The latest answer's message when it failed. */
    failure: result && !result.ok ? result.error : null,
    reset,
  };
}
