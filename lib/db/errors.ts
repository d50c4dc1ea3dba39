/** Prisma's "unique constraint failed" (P2002): a concurrent or duplicate insert. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
