import { z } from "zod";

/** The furthest page a console list goes: 10,000 pages of 100 is a million records. */
export const MAX_PAGE = 10_000;

/**
 * A list's page number, read from the URL: anything that is not a page of a real list (1e300,
 * 10001, "abc", 0) is the first page rather than a database error. Client-safe.
 */
export const pageNumber = z.coerce.number().int().min(1).max(MAX_PAGE).default(1).catch(1);
