import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import type { Access, Resource } from "@/lib/auth/access";
import type { EnvironmentView } from "@/lib/organisations/environments";
import { DomainError, fail, invalid, ok, type ActionResult } from "@/lib/result";
import { isDatabaseUnavailable } from "@/lib/db";
import { environmentNamed } from "@/lib/organisations/access";
import { UNSTORABLE_TEXT, unstorableTextPath } from "@/lib/storable-text";
import { requireMember, type MemberActor } from "./session";

/**
 * Runs a server action body: expected failures (DomainError) become result values with their
 * message; anything else is logged and answered with a generic message, never the raw error.
 */
export async function runAction<T>(body: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof DomainError) return fail(error.message, error.fieldErrors);
    // Next's redirect()/notFound() signal by throwing; let them through.
    if (
      error instanceof Error &&
      "digest" in error &&
      typeof error.digest === "string" &&
      error.digest.startsWith("NEXT_")
    )
      throw error;
    if (isDatabaseUnavailable(error))
      return fail("The database is unavailable right now, so nothing was saved. Try again in a few seconds.");
    console.error("server action failed:", error instanceof Error ? error.name : "unknown error");
    return fail("Something went wrong on our side. Please try again.");
  }
}

type OrganisationAction<S extends z.ZodType> = {
  /** The role's right the action needs, or `ownAccount`: the member's own account, any role. */
  resource: Resource | "ownAccount";
  access: Access;
  /**
   * Allowed while the member still has a step to do before using the console (replacing a
   * temporary password, enrolling in two-factor sign-in): only the actions that do that step.
   */
  duringPendingStep?: boolean;
  /** The input's one schema (lib/<concept>/schemas.ts). */
  input: S;
  /** Pages to refresh after a success (revalidated as a layout: the page and everything below). */
  revalidate?: string;
};

type EnvironmentAction<S extends z.ZodType, R> = Omit<OrganisationAction<S>, "revalidate"> & {
  /**
   * The input names the environment of its URL (`environment`): it must be one of the member's
   * organisation, and the schema receives its id as `environmentId` (never one the client sent).
   */
  environment: true;
  /** The record the input names; one of another environment counts as not found. */
  load?: {
    find: (member: MemberActor, data: z.output<S>) => Promise<R & { environmentId: number }>;
    notFound: string;
  };
  revalidate?: (environment: string) => string;
};

/** What a handler's value becomes in the result: nothing (void) is `undefined`. */
type Data<T> = T extends void ? undefined : T;
type Context<S extends z.ZodType> = { member: MemberActor; data: z.output<S> };
type EnvironmentContext<S extends z.ZodType, R> = Context<S> & { environment: EnvironmentView; record: R };

/**
 * The one way to write a console server action. In order: the signed-in member with the
 * resource right (the early gate; the lib/ service the handler calls checks the actor again and
 * is the authority), the URL's environment, the input against its schema, the record in that
 * environment, the handler, then revalidation. Failures become the one ActionResult shape:
 * field errors for invalid input, the message of a DomainError, a generic message otherwise.
 */
export function memberAction<S extends z.ZodType, T, R = undefined>(
  spec: EnvironmentAction<S, R>,
  handler: (context: EnvironmentContext<S, R>) => Promise<T>,
): (input: unknown) => Promise<ActionResult<Data<T>>>;
export function memberAction<S extends z.ZodType, T>(
  spec: OrganisationAction<S>,
  handler: (context: Context<S>) => Promise<T>,
): (input: unknown) => Promise<ActionResult<Data<T>>>;
export function memberAction<S extends z.ZodType, T, R>(
  spec: OrganisationAction<S> | EnvironmentAction<S, R>,
  handler: (context: EnvironmentContext<S, R>) => Promise<T>,
): (input: unknown) => Promise<ActionResult<Data<T>>> {
  return async (input: unknown) =>
    runAction(async () => {
      const member = await requireMember(spec.resource, spec.access, {
        duringPendingStep: spec.duringPendingStep,
      });
      // A string no database column can hold is a field error, not a failed query.
      const unstorable = unstorableTextPath(input);
      if (unstorable !== null)
        return fail("Please correct the highlighted fields.", { [unstorable || "_form"]: UNSTORABLE_TEXT });
      const scoped = "environment" in spec ? spec : null;
      const environment = scoped ? await environmentOfInput(member, input) : null;
      const parsed = spec.input.safeParse(
        environment ? { ...inputFields(input), environmentId: environment.id } : input,
      );
      if (!parsed.success) return invalid(parsed.error);
      const record =
        environment && scoped?.load
          ? await recordIn(environment, scoped.load, member, parsed.data)
          : undefined;
      // An organisation action's handler ignores environment and record (both absent).
      const context = { member, data: parsed.data, environment, record } as EnvironmentContext<S, R>;
      const data = await handler(context);
      const path =
        "environment" in spec ? environment && spec.revalidate?.(environment.name) : spec.revalidate;
      if (path) revalidatePath(path, "layout");
      return ok(data as Data<T>);
    });
}

async function recordIn<S extends z.ZodType, R>(
  environment: EnvironmentView,
  load: NonNullable<EnvironmentAction<S, R>["load"]>,
  member: MemberActor,
  data: z.output<S>,
): Promise<R> {
  const record = await load.find(member, data);
  if (record.environmentId !== environment.id) throw new DomainError(load.notFound, "not_found");
  return record;
}

/** An action's input as a record of fields (anything else counts as no fields). */
function inputFields(input: unknown): Record<string, unknown> {
  return typeof input === "object" && input !== null && !Array.isArray(input)
    ? (input as Record<string, unknown>)
    : {};
}

/** The environment an action's input names (`environment`, from its URL), checked against the member's organisation. */
async function environmentOfInput(member: MemberActor, input: unknown) {
  const name = inputFields(input).environment;
  return environmentNamed(member, typeof name === "string" ? name : "");
}
