import type { z } from "zod";

/** The one result type of every server action: expected failures are values. */
export type ActionResult<T = undefined> =
  { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string> };

export function ok<T>(data: T): ActionResult<T>;
export function ok(): ActionResult<undefined>;
export function ok<T>(data?: T): ActionResult<T | undefined> {
  return { ok: true, data };
}

export function fail(
  error: string,
  fieldErrors?: Record<string, string>,
): { ok: false; error: string; fieldErrors?: Record<string, string> } {
  return fieldErrors ? { ok: false, error, fieldErrors } : { ok: false, error };
}

/** Field errors keyed by dotted path, as react-hook-form's setError expects. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    out[key] ??= issue.message;
  }
  return out;
}

export function invalid(error: z.ZodError) {
  return fail("Please correct the highlighted fields.", fieldErrorsOf(error));
}

/** Services parse again whatever they are given: server actions and the API share them. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    throw new DomainError("Please correct the highlighted fields.", "invalid", fieldErrorsOf(parsed.error));
  return parsed.data;
}

/** `upstream`: another system the request depends on did not answer (unreachable, timed out). */
export type DomainErrorCode = "forbidden" | "not_found" | "conflict" | "invalid" | "unavailable" | "upstream";

/** A refusal or expected failure raised deep in lib/ and turned into a result by the caller. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly code: DomainErrorCode = "invalid",
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** Whether `error` is a DomainError, with one of `codes` when any are given. */
export function isDomainError(error: unknown, ...codes: DomainErrorCode[]): error is DomainError {
  return error instanceof DomainError && (codes.length === 0 || codes.includes(error.code));
}
