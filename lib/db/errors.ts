/** Prisma's "unique constraint failed" (P2002): a concurrent or duplicate insert. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/** Runs `work`; a unique-constraint violation becomes the caller's own error (e.g. "name taken"). */
export async function onUniqueViolation<T>(work: () => Promise<T>, toError: () => Error): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw toError();
    throw error;
  }
}

/** Prisma's "record to update or delete does not exist" (P2025). */
export function isNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2025";
}
