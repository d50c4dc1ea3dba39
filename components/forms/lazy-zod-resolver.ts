import type { FieldValues, Resolver } from "react-hook-form";
import type { z } from "zod";

/**
 * `zodResolver(schema)` with zod, the resolver and the schema fetched at the form's first
 * validation instead of with the page: zod is the largest library a console page would
 * otherwise ship on first load (~47 kB gzipped). The server action validates the same input
 * with the same schema, so nothing depends on the browser having it sooner. `O` is what the
 * schema outputs (the values the form submits), when it differs from what the form edits.
 */
export function lazyZodResolver<V extends FieldValues, O = V>(
  load: () => Promise<z.ZodType<unknown, V>>,
): Resolver<V, unknown, O> {
  let pending: Promise<Resolver<V, unknown, O>> | null = null;
  return async (values, context, options) => {
    pending ??= Promise.all([import("@hookform/resolvers/zod"), load()]).then(
      ([{ zodResolver }, schema]) => zodResolver(schema) as unknown as Resolver<V, unknown, O>,
    );
    try {
      return await (
        await pending
      )(values, context, options);
    } catch (error) {
      pending = null; // a failed chunk fetch: try again at the next validation
      throw error;
    }
  };
}
