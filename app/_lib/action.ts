import "server-only";
import { DomainError, fail, type ActionResult } from "@/lib/result";

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
    console.error("server action failed:", error instanceof Error ? error.name : "unknown error");
    return fail("Something went wrong on our side. Please try again.");
  }
}
