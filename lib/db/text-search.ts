import { isPostgresUrl } from "./client";

/**
 * A case-insensitive "contains" filter on both databases: SQLite's LIKE already ignores ASCII
 * case (and Prisma rejects `mode` there); PostgreSQL needs `mode: "insensitive"`.
 */
export function containsText(search: string): { contains: string } {
  return (isPostgresUrl() ? { contains: search, mode: "insensitive" } : { contains: search }) as {
    contains: string;
  };
}
