import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldValues, Resolver } from "react-hook-form";
import type { z } from "zod";

/**
 * zodResolver for a form that keeps the fields of every branch of a discriminated union at once
 * (e.g. an API key's permissions *and* role while the user switches kinds). The schema parses
 * them and keeps only the chosen branch's fields, so the submitted values are the schema's output.
 */
export function unionFormResolver<
  TValues extends FieldValues,
  TSchema extends z.ZodType<unknown, FieldValues>,
>(schema: TSchema): Resolver<TValues, unknown, z.output<TSchema>> {
  return zodResolver(schema) as unknown as Resolver<TValues, unknown, z.output<TSchema>>;
}
