"use client";
import { useEffect, useRef, useState, type FormEvent, type RefObject } from "react";
import type { z } from "zod";
import type { ActionResult } from "@/lib/result";
import { answerMessages, checkLazily } from "./lazy-check";
import { LatestSubmit } from "./latest-submit";

/**
 * A form of a few text inputs without a form library, for pages whose first load must stay small
 * (sign-in, two-factor enrolment, the webhook endpoint form). The inputs are uncontrolled
 * (`name` = the field; a field in `lists` is a group of checkboxes, its value the checked
 * ones' values); `dirty` says whether they differ from what they were at first or at the last
 * `markSaved`. On submit
 * the values are checked with the input's schema (fetched at the first check, not with the page;
 * the server action checks the same schema, and checks alone if it cannot be fetched), the
 * first invalid field gets the focus, and then `action` runs and its answer is shown: its
 * message as `failure`, its field errors under the fields. As in the console's other forms, a
 * field's message follows its value after a submit, and only the latest submit's answer counts.
 */
export function usePlainForm<V extends Record<string, string | string[]>, T>({
  formRef,
  fields,
  lists = [],
  schema,
  action,
  onOk,
  prefix,
}: {
  /** The form element (its `ref`). */
  formRef: RefObject<HTMLFormElement | null>;
  fields: readonly (keyof V & string)[];
  /** The fields that are lists of checkboxes. */
  lists?: readonly (keyof V & string)[];
  schema: () => Promise<z.ZodType<unknown, V>>;
  action: (values: V) => Promise<ActionResult<T>>;
  onOk?: (data: T, values: V) => void;
  /** Where the form's values sit in the action's input, e.g. "endpoint." (its field errors). */
  prefix?: string;
}) {
  type Errors = Partial<Record<keyof V, string>>;
  const [latest] = useState(() => new LatestSubmit());
  const [errors, setErrors] = useState<Errors>({});
  const [submitted, setSubmitted] = useState(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const savedRef = useRef<string | null>(null);

  const values = (): V => {
    const data = new FormData(formRef.current ?? undefined);
    return Object.fromEntries(
      fields.map((field) =>
        lists.includes(field)
          ? [field, data.getAll(field).map(String)]
          : [field, String(data.get(field) ?? "")],
      ),
    ) as V;
  };
  // What the inputs held at first: `dirty` compares with it.
  useEffect(() => {
    savedRef.current ??= JSON.stringify(values());
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, after the first render
  }, []);

  /** The schema's messages for `input` (none if the schema cannot be fetched: the server checks). */
  const check = async (input: V): Promise<Errors> => (await checkLazily(schema, input)).errors as Errors;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const call = latest.start();
    setSubmitted(true);
    const input = values();
    const found = await check(input);
    if (!latest.isLatest(call)) return;
    setErrors(found);
    const invalid = fields.find((field) => found[field]);
    if (invalid) {
      const element = formRef.current?.elements.namedItem(invalid);
      // A list of checkboxes: its first.
      ((element instanceof RadioNodeList ? element[0] : element) as HTMLInputElement | null)?.focus();
      return;
    }
    setPending(true);
    setFailure(null);
    const result = await latest.send(call, () => action(input));
    if (!latest.isLatest(call)) return;
    setPending(false);
    if (!result) return;
    if (result.ok) return onOk?.(result.data, input);
    setFailure(result.error);
    const messages = (await answerMessages(input, result.fieldErrors, prefix)) as Errors;
    if (latest.isLatest(call)) setErrors(messages);
  };

  // After a submit, a field's message follows its value.
  const onChange = async (event: FormEvent<HTMLFormElement>) => {
    const field = (event.target as HTMLInputElement).name;
    if (savedRef.current !== null) setDirty(JSON.stringify(values()) !== savedRef.current);
    if (!submitted || !fields.includes(field)) return;
    const message = (await check(values()))[field];
    setErrors((current) => ({ ...current, [field]: message }));
  };

  /** Empties the form and forgets its messages (after a successful save). */
  const reset = () => {
    latest.forget();
    formRef.current?.reset();
    setErrors({});
    setSubmitted(false);
    setFailure(null);
    savedRef.current = JSON.stringify(values());
    setDirty(false);
  };

  /** What the inputs hold now is saved: not dirty until they change again. */
  const markSaved = () => {
    savedRef.current = JSON.stringify(values());
    setDirty(false);
  };

  return {
    /** The form element's props (with `ref={formRef}`). */
    form: { noValidate: true, onSubmit, onChange },
    errors,
    pending,
    failure,
    dirty,
    reset,
    markSaved,
  };
}
