import { z } from "zod";
import { KIND_CATALOGUE } from "./catalogue";
import { headerNameProblem, isValidHeaderValue } from "../field-rules";
import { credentialName, defineKind, type FormMode } from "./kind";

/** Secret header values live in the secrets map under `header:<lower-case name>`, not in the settings. */
export function secretHeaderKey(name: string): string {
  return `header:${name.toLowerCase()}`;
}

function form(mode: FormMode) {
  const header = z
    .object({
      name: z.string().trim(),
      value: z.string().max(8192, "Use at most 8192 characters."),
      secret: z.boolean(),
    })
    .superRefine((h, ctx) => {
      const problem = headerNameProblem(h.name);
      if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["name"] });
      if (!isValidHeaderValue(h.value))
        ctx.addIssue({
          code: "custom",
          message: "A header value cannot contain line breaks or control characters.",
          path: ["value"],
        });
      // On update a secret value left empty keeps the stored one.
      if (h.value === "" && !(mode === "update" && h.secret))
        ctx.addIssue({ code: "custom", message: "Enter a value.", path: ["value"] });
    });
  return z.object({
    type: z.literal("custom_headers"),
    name: credentialName,
    headers: z
      .array(header)
      .min(1, "Add at least one header.")
      .max(50, "Use at most 50 headers.")
      .superRefine((headers, ctx) => {
        const seen = new Set<string>();
        headers.forEach((h, index) => {
          const key = h.name.toLowerCase();
          if (seen.has(key))
            ctx.addIssue({
              code: "custom",
              message: `${h.name} is already in the list.`,
              path: [index, "name"],
            });
          seen.add(key);
        });
      }),
  });
}

export const customHeaders = defineKind({
  type: "custom_headers",
  info: KIND_CATALOGUE.custom_headers.info,
  form,
  stored: z.object({
    headers: z.array(z.object({ name: z.string(), value: z.string(), secret: z.boolean() })),
  }),
  // Keyed by `secretHeaderKey(name)`: which ones exist depends on the headers marked secret.
  secrets: z.record(z.string(), z.string()),
  emptyValues: KIND_CATALOGUE.custom_headers.emptyValues,
  withoutSecrets: KIND_CATALOGUE.custom_headers.withoutSecrets,
});
