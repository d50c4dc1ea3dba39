// The Send Request step: one request to another system, optionally authenticated with a saved
// credential. Client-safe: the console's form, the server action and `POST /v1/{env}/requests`
// all validate with this one schema.
import { z } from "zod";
import { headerNameProblem, isHttpUrl, isValidHeaderValue } from "../credentials/field-rules";
import {
  MAX_REQUEST_BODY_BYTES,
  MAX_REQUEST_HEADERS,
  parseHeaderLines,
  SEND_METHODS,
  SEND_TIMEOUT,
} from "./form";

export * from "./form";

const headers = z
  .record(z.string(), z.string().max(8192, "A header value may have at most 8192 characters."))
  .superRefine((value, ctx) => {
    const names = Object.keys(value);
    if (names.length > MAX_REQUEST_HEADERS)
      ctx.addIssue({ code: "custom", message: `Send at most ${MAX_REQUEST_HEADERS} headers.` });
    const seen = new Set<string>();
    for (const name of names) {
      const problem = headerNameProblem(name);
      if (problem) ctx.addIssue({ code: "custom", path: [name], message: problem });
      else if (seen.has(name.toLowerCase()))
        ctx.addIssue({ code: "custom", path: [name], message: `${name} is listed twice.` });
      else if (!isValidHeaderValue(value[name]))
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: "A header value cannot contain line breaks or control characters.",
        });
      else if (/[^\u0000-\u00ff]/.test(value[name]))
        ctx.addIssue({
          code: "custom",
          path: [name],
          message:
            "A header value can hold only Latin-1 characters; encode anything else (e.g. percent-encoding).",
        });
      seen.add(name.toLowerCase());
    }
  });

export const sendRequestBody = z
  .object({
    credentialId: z.string().min(1).max(100).optional(),
    method: z.enum(SEND_METHODS, { error: `Use one of ${SEND_METHODS.join(", ")}.` }),
    url: z
      .string()
      .trim()
      .max(8192, "Use at most 8192 characters.")
      .refine(isHttpUrl, "Enter an http:// or https:// URL (without a user name or password)."),
    headers: headers.optional(),
    body: z
      .string()
      .refine(
        (value) => new TextEncoder().encode(value).length <= MAX_REQUEST_BODY_BYTES,
        `The body may have at most ${MAX_REQUEST_BODY_BYTES / 1024} KiB.`,
      )
      .optional(),
    timeoutMs: z
      .number()
      .int()
      .min(SEND_TIMEOUT.min, `Wait at least ${SEND_TIMEOUT.min} ms.`)
      .max(SEND_TIMEOUT.max, `Wait at most ${SEND_TIMEOUT.max} ms.`)
      .optional(),
  })
  .strict()
  .refine((value) => value.body === undefined || (value.method !== "GET" && value.method !== "HEAD"), {
    path: ["body"],
    message: "GET and HEAD requests cannot have a body.",
  });
export type SendRequestBody = z.infer<typeof sendRequestBody>;

/** The credential page's Send request form: the same request, headers as lines. */
export const sendRequestForm = z
  .object({
    method: z.enum(SEND_METHODS),
    url: z.string(),
    headers: z.string().max(64 * 1024),
    body: z.string(),
  })
  .superRefine((value, ctx) => {
    if (parseHeaderLines(value.headers) === null)
      ctx.addIssue({
        code: "custom",
        path: ["headers"],
        message: "Write one header per line as Name: value.",
      });
  });
export type SendRequestFormValues = z.infer<typeof sendRequestForm>;

/** Console server action input: the request plus the environment of the page's URL. */
export const sendRequestInput = z.object({
  environmentId: z.number().int().positive(),
  request: sendRequestBody,
});
