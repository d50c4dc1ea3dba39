"use client";
import { useRef, useState, type FormEvent, type RefObject } from "react";
import type { z } from "zod";
import type { ActionResult } from "@/lib/result";
import type { FieldMessages } from "./form-check";
import { answerMessages, checkLazily, fieldRechecker } from "./lazy-check";
import { LatestSubmit } from "./latest-submit";

/**
 * usePlainForm's sibling for a form whose values are not all text inputs (pickers, lists): the
 * values live in React state, each control sets its own (`set`). On submit the values are
 * checked with the schema (fetched at the first check), the first invalid named input gets the
 * focus, and `action` gets the schema's output. Messages land on the form's own fields, nested
 * paths included (formFieldErrors); after a submit a field's message follows its value, and
 * only the latest submit's answer counts.
 */
export function useValuesForm<V extends Record<string, unknown>, O, T>({
  formRef,
  initial,
  schema,
  action,
  onOk,
  prefix,
}: {
  /** The form element (its `ref`): its named inputs get the focus when invalid. */
  formRef: RefObject<HTMLFormElement | null>;
  initial: V;
  schema: () => Promise<z.ZodType<O, V>>;
  action: (values: O) => Promise<ActionResult<T>>;
  onOk?: (data: T, values: O) => void;
  /** Where the form's values sit in the action's input, e.g. "credential." (its field errors). */
  prefix?: string;
}) {
  const [latest] = useState(() => new LatestSubmit());
  const [values, setValues] = useState(initial);
  // What the controls set last, for a submit in the same event (e.g. a typed address added first).
  const valuesRef = useRef(initial);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [submitted, setSubmitted] = useState(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const recheck = async (field: string) => {
    const input = valuesRef.current;
    const { errors: found } = await checkLazily(schema, input);
    // A later change checks again.
    if (input !== valuesRef.current) return;
    const recheckWith = await fieldRechecker();
    if (input === valuesRef.current) setErrors((current) => recheckWith(current, found, field));
  };

  const set = <K extends keyof V & string>(field: K, value: V[K]) => {
    valuesRef.current = { ...valuesRef.current, [field]: value };
    setValues(valuesRef.current);
    if (submitted) void recheck(field);
  };

  const onSubmit = async (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    const call = latest.start();
    setSubmitted(true);
    const input = valuesRef.current;
    const { errors: found, data } = await checkLazily(schema, input);
    if (!latest.isLatest(call)) return;
    setErrors(found);
    if (data === undefined) {
      const invalid = [...(formRef.current?.elements ?? [])].find((element) =>
        Object.hasOwn(found, (element as HTMLInputElement).name),
      );
      (invalid as HTMLElement | undefined)?.focus();
      return;
    }
    setPending(true);
    setFailure(null);
    const result = await latest.send(call, () => action(data));
    if (!latest.isLatest(call)) return;
    setPending(false);
    if (!result) return;
    if (result.ok) return onOk?.(result.data, data);
    setFailure(result.error);
    const messages = await answerMessages(input, result.fieldErrors, prefix);
    if (latest.isLatest(call)) setErrors(messages);
  };

  return { values, set, errors, onSubmit, pending, failure };
}
