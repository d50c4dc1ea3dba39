"use client";
import { useRef, useState, type FormEvent, type RefObject } from "react";
import type { z } from "zod";
import type { ActionResult } from "@/lib/result";
import type { FieldMessages } from "./form-check";
import { withoutMessages } from "./form-values";
import { answerMessages, checkLazily, fieldRechecker } from "./lazy-check";
import { LatestSubmit, submitChecked, type CheckedForm, type SubmitState } from "./latest-submit";

/**
 * usePlainForm's sibling for a form whose values are not all text inputs (pickers, lists): the
 * values live in React state, each control sets its own (`set`). On submit the values are
 * checked with the schema (fetched at the first check), the first invalid named input gets the
 * focus, and `action` gets the schema's output. Messages land on the form's own fields, nested
 * paths included (formFieldErrors); after a submit a field's message follows its value, and
 * only the latest submit's answer counts. `dirty` says whether the values differ from the
 * initial ones (or those of the last `reset`).
 */
export function useValuesForm<V extends Record<string, unknown>, O, T>({
  formRef,
  initial,
  schema,
  action,
  onOk,
  prefix,
  entries,
}: {
  /** The form element (its `ref`): its named inputs get the focus when invalid. */
  formRef: RefObject<HTMLFormElement | null>;
  initial: V;
  schema: () => Promise<z.ZodType<O, V>>;
  action: (values: O) => Promise<ActionResult<T>>;
  onOk?: (data: T, values: O) => void;
  /** Where the form's values sit in the action's input, e.g. "credential." (its field errors). */
  prefix?: string;
  /** Lists of plain values with an input for each entry: the check's messages go to the entry. */
  entries?: readonly string[];
}) {
  const [values, setValues] = useState(initial);
  // The values `dirty` compares with, as JSON.
  const [saved, setSaved] = useState(() => JSON.stringify(initial));
  // What the controls set last, for a submit in the same event (e.g. a typed address added first).
  const valuesRef = useRef(initial);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [submitted, setSubmitted] = useState(false);

  const recheck = async (field: string) => {
    const input = valuesRef.current;
    const { errors: found } = await checkLazily(schema, input, entries);
    // A later change checks again.
    if (input !== valuesRef.current) return;
    const recheckWith = await fieldRechecker();
    if (input === valuesRef.current) setErrors((current) => recheckWith(current, found, field));
  };

  /** Sets a field; after a submit, the messages about `about` (the field, or a part of it) follow. */
  const set = <K extends keyof V & string>(field: K, value: V[K], about: string = field) => {
    valuesRef.current = { ...valuesRef.current, [field]: value };
    setValues(valuesRef.current);
    if (submitted) void recheck(about);
  };

  /** Forgets a field's message (and those inside it). */
  const clearMessage = (field: string) => setErrors((current) => withoutMessages(current, field));

  /**
   * Checks the values as a submit does (their messages shown, the first invalid input focused):
   * the values checked and, when they pass, the schema's output; null when `isCurrent` says the
   * caller's submit is no longer the latest.
   */
  const check = async (isCurrent: () => boolean) => {
    setSubmitted(true);
    const input = valuesRef.current;
    const { errors: found, data } = await checkLazily(schema, input, entries);
    if (!isCurrent()) return null;
    setErrors(found);
    if (data === undefined) {
      const invalid = [...(formRef.current?.elements ?? [])].find((element) =>
        Object.hasOwn(found, (element as HTMLInputElement).name),
      );
      (invalid as HTMLElement | undefined)?.focus();
    }
    return { input, data };
  };

  /** A server action's field errors for the values `input`, on the form's fields. */
  const answer = async (
    input: V,
    fieldErrors: Record<string, string> | undefined,
    isCurrent: () => boolean,
  ) => {
    const messages = await answerMessages(input, fieldErrors, prefix);
    if (isCurrent()) setErrors(messages);
  };

  const submit = useFormAction({ check, answer }, action, onOk);

  /** Starts again from `next` (e.g. the values just saved): no messages, not dirty. */
  const reset = (next: V) => {
    submit.reset();
    valuesRef.current = next;
    setValues(next);
    setSaved(JSON.stringify(next));
    setErrors({});
    setSubmitted(false);
  };

  return {
    values,
    set,
    errors,
    clearMessage,
    onSubmit: submit.run,
    pending: submit.pending,
    failure: submit.failure,
    /** The latest submit's answer, when it succeeded. */
    data: submit.data,
    /** Forgets the latest submit's answer (e.g. before a new attempt, even one the check refuses). */
    forgetAnswer: submit.reset,
    dirty: JSON.stringify(values) !== saved,
    reset,
    check,
    answer,
  };
}

/** The form the hook gives, for the parts of a form that get it as a prop. */
export type ValuesForm<V extends Record<string, unknown>> = ReturnType<
  typeof useValuesForm<V, unknown, unknown>
>;

/**
 * A form's submit to a server action: the form's `check` first (its messages shown); when the
 * values pass, `action` gets the schema's output, and its answer is kept (`failure`, `data`) and
 * its field errors placed on the form (`answer`). A new submit that reaches the action forgets
 * the last answer; only the latest submit's answer counts.
 */
export function useFormAction<V, O, T>(
  form: CheckedForm<V, O>,
  action: (values: O) => Promise<ActionResult<T>>,
  onOk?: (data: T, values: O) => void,
) {
  const [latest] = useState(() => new LatestSubmit());
  const [state, setState] = useState<SubmitState<T>>({ pending: false });
  const run = (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    return submitChecked(latest, form, action, setState, onOk);
  };
  const reset = () => {
    latest.forget();
    setState({ pending: false });
  };
  return {
    run,
    pending: state.pending,
    failure: state.result && !state.result.ok ? state.result.error : null,
    data: state.result?.ok ? state.result.data : undefined,
    reset,
  };
}
