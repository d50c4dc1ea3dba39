import type { z } from "zod";
import type { FieldMessages } from "./form-check";

// The form hooks' check and the placing of messages (./form-check) are fetched at a form's first
// check, with its schema, rather than with the page.
const load = () => import("./form-check");

/** The schema's check of `input`; unchecked when it cannot be fetched (the server action checks). */
export async function checkLazily<V, O>(
  schema: () => Promise<z.ZodType<O, V>>,
  input: V,
  entries?: readonly string[],
): Promise<{ errors: FieldMessages; data?: O }> {
  try {
    return await (await load()).checkValues(schema, input, entries);
  } catch {
    return { errors: {}, data: input as unknown as O };
  }
}

/** A server action's field errors on the form's fields (none if that cannot be fetched: its message still shows). */
export async function answerMessages(
  input: unknown,
  fieldErrors: Record<string, string> | undefined,
  prefix?: string,
): Promise<FieldMessages> {
  try {
    return Object.fromEntries((await load()).formFieldErrors(input, fieldErrors, prefix));
  } catch {
    return {};
  }
}

/** withFieldRechecked (keeps the messages as they are if it cannot be fetched). */
export async function fieldRechecker(): Promise<
  (current: FieldMessages, found: FieldMessages, field: string) => FieldMessages
> {
  try {
    return (await load()).withFieldRechecked;
  } catch {
    return (current) => current;
  }
}
