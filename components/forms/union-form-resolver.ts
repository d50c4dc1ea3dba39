import type { FieldValues, Resolver } from "react-hook-form";
import type { z } from "zod";
import { lazyZodResolver } from "./lazy-zod-resolver";

/**
 * zodResolver for a form that keeps the fields of every branch of a discriminated union at once
 * (e.g. an API key's permissions *and* role while the user switches kinds). The schema parses
 * them and keeps only the chosen branch's fields, so the submitted values are the schema's output.
 * The schema is fetched at the first check (see lazyZodResolver).
 */
export function unionFormResolver<
  TValues extends FieldValues,
  TSchema extends z.ZodType<unknown, FieldValues>,
>(load: () => Promise<TSchema>): Resolver<TValues, unknown, z.output<TSchema>> {
  return lazyZodResolver<TValues, z.output<TSchema>>(
    load as unknown as () => Promise<z.ZodType<unknown, TValues>>,
  );
}
