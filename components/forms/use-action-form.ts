"use client";
import { useMutation } from "@tanstack/react-query";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import type { ActionResult } from "@/lib/result";
import { formFieldErrors } from "./field-errors";

/**
 * Submits a react-hook-form form through a server action: the form's validated values go to
 * `action`; on success `onOk` runs, otherwise the result's field errors land on the form's
 * fields (nested paths included, see formFieldErrors) and its message is `failure`.
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
  const mutation = useMutation({
    mutationFn: action,
    onSuccess: (result, values) => {
      if (result.ok) return options.onOk?.(result.data, values);
      for (const [field, message] of formFieldErrors(form.getValues(), result.fieldErrors, options.prefix))
        form.setError(field as Path<V>, { message });
    },
  });
  return {
    onSubmit: form.handleSubmit((values) => mutation.mutate(values)),
    pending: mutation.isPending,
    failure: mutation.data && !mutation.data.ok ? mutation.data.error : null,
    /** The last successful answer, if the latest submit succeeded. */
    data: mutation.data?.ok ? mutation.data.data : undefined,
    /** Forgets the last answer (e.g. when a dialog opens again). */
    reset: mutation.reset,
  };
}
