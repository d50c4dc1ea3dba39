import { z } from "zod";
import { pageNumber } from "../pagination";

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v ? v : undefined));
// A plain date (from <input type="date">) means the whole day: `to` is its last millisecond.
const optionalDate = (edge: "start" | "end") =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(v);
      const date = new Date(dayOnly ? `${v}T${edge === "end" ? "23:59:59.999" : "00:00:00.000"}Z` : v);
      if (Number.isNaN(date.getTime())) {
        ctx.addIssue({ code: "custom", message: "Enter a valid date." });
        return z.NEVER;
      }
      return date;
    });

/** The audit-log page's filters, read from the URL's search parameters. */
export const auditFiltersInput = z.object({
  actor: optionalText,
  action: optionalText,
  environment: optionalText,
  from: optionalDate("start"),
  to: optionalDate("end"),
  page: pageNumber,
});
