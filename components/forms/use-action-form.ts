"use client";
import { useCallback, useRef, useState, type BaseSyntheticEvent } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import type { ActionResult } from "@/lib/result";
import { formFieldErrors } from "./field-errors";

/**
 * Submits a react-hook-form form through a server action: the form's validated values go to
 * `action`; on success `onOk` runs, otherwise the result's field errors land on the form's
 * fields (nested paths included, see formFieldErrors) and its message is `failure`.
 * Only the latest submit's answer counts. Plain React state: the sign-in pages use it, and
 * need no query library for one request.
 */
export function useActionForm<V extends FieldValues, O, T>(
  form: UseFormReturn<V, unknown, O>,
  action: (values: O) => Promise<ActionResult<T>>,
  options: {
    onOk?: (data: T, values: O) => void;
    /** Where the form's values sit in the action's input, e.g. "credential." */
    prefix?: string;
  } = {},
) {
  const [state, setState] = useState<{ pending: boolean; result?: ActionResult<T> }>({ pending: false });
  // Which submit is the latest (read and moved in event handlers only).
  const latestRef = useRef(0);
  const submit = async (values: O) => {
    const call = ++latestRef.current;
    setState({ pending: true });
    let result: ActionResult<T>;
    try {
      result = await action(values);
    } catch (error) {
      // The action could not be reached (network, server gone): nothing to show on the form.
      if (call === latestRef.current) setState({ pending: false });
      console.error(error);
      return;
    }
    if (call !== latestRef.current) return;
    setState({ pending: false, result });
    if (result.ok) return options.onOk?.(result.data, values);
    for (const [field, message] of formFieldErrors(form.getValues(), result.fieldErrors, options.prefix))
      form.setError(field as Path<V>, { message });
  };
  const reset = useCallback(() => {
    latestRef.current++;
    setState({ pending: false });
  }, []);
  return {
    onSubmit: (event?: BaseSyntheticEvent) => form.handleSubmit(submit)(event),
    pending: state.pending,
    failure: state.result && !state.result.ok ? state.result.error : null,
    /** The last successful answer, if the latest submit succeeded. */
    data: state.result?.ok ? state.result.data : undefined,
    /** Forgets the last answer (e.g. when a dialog opens again). */
    reset,
  };
}
