// What the form hooks (usePlainForm, useValuesForm) fetch at a form's first check, with its
// schema, rather than with the page.
import type { z } from "zod";
import { fieldErrorsOf } from "@/lib/result";
import { formFieldErrors } from "./field-errors";
import { withoutMessages } from "./form-values";

export { formFieldErrors };

/** Messages by form field ("name", "headers.1.value", "permissions"). */
export type FieldMessages = Record<string, string>;

/**
 * Checks a form's values with its schema, fetched at the first check rather than with the page
 * (zod is the largest library a page would otherwise ship). Each message lands on the form's own
 * field, as the server action's would (formFieldErrors). `data` is the schema's output when the
 * values pass; when the schema cannot be fetched the values go as they are: the server action
 * checks the same schema. `entries`: the lists whose entries are fields of their own.
 */
export async function checkValues<V, O>(
  schema: () => Promise<z.ZodType<O, V>>,
  input: V,
  entries: readonly string[] = [],
): Promise<{ errors: FieldMessages; data?: O }> {
  let parse: z.ZodType<O, V>;
  try {
    parse = await schema();
  } catch {
    return { errors: {}, data: input as unknown as O };
  }
  const parsed = parse.safeParse(input);
  if (parsed.success) return { errors: {}, data: parsed.data };
  return { errors: Object.fromEntries(formFieldErrors(input, fieldErrorsOf(parsed.error), "", entries)) };
}

/** `current` with the messages about `field` (and what is inside it) replaced by `found`'s. */
export function withFieldRechecked(
  current: FieldMessages,
  found: FieldMessages,
  field: string,
): FieldMessages {
  const about = (key: string) => key === field || key.startsWith(`${field}.`);
  const next = withoutMessages(current, field);
  for (const [key, message] of Object.entries(found)) if (about(key)) next[key] = message;
  return next;
}
