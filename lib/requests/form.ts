// The Send request form's values that the credential page needs before anything is checked
// (methods, limits, turning header lines into headers), free of zod: ./schemas builds the
// request's schema from these and is fetched at the form's first check.
import type { SendRequestBody, SendRequestFormValues } from "./schemas";

export const SEND_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
export type SendMethod = (typeof SEND_METHODS)[number];

export const MAX_REQUEST_BODY_BYTES = 256 * 1024;
export const MAX_REQUEST_HEADERS = 50;
export const SEND_TIMEOUT = { min: 1_000, max: 30_000, default: 15_000 } as const;

/** Console: headers typed one per line as `Name: value`; null when a line has no colon. */
export function parseHeaderLines(text: string): Record<string, string> | null {
  const headers: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const colon = line.indexOf(":");
    if (colon <= 0) return null;
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** The request a Send request form describes (validated again by `sendRequestBody`). */
export function requestOfForm(values: SendRequestFormValues, credentialId: string): SendRequestBody {
  const hasBody = values.body !== "" && values.method !== "GET" && values.method !== "HEAD";
  return {
    credentialId,
    method: values.method,
    url: values.url.trim(),
    headers: parseHeaderLines(values.headers) ?? {},
    ...(hasBody ? { body: values.body } : {}),
  };
}
