import "server-only";
import { assertActorCan } from "../auth/access";
import type { Actor } from "../auth/actor";
import { containsText, db } from "../db";
import {
  containsPattern,
  likePattern,
  orderBy,
  queryCount,
  queryRows,
  selectColumns,
  statementCache,
  type Dialect,
} from "../db/prepared";
import { assertEnvironment } from "../organisations/access";
import { parseInput } from "../result";
import { listApiKeysInput, type ApiKeyStatus, type ListApiKeysInput } from "./schemas";
import { toView, VIEW_SELECT, type ApiKeyView, type ViewRow } from "./views";

// The API key list's reads: a page of an environment's keys, newest first, and its total. They
// run as prepared statements of the driver (lib/db/prepared.ts): Prisma's query compiler costs
// more CPU per query than the query itself takes on an indexed 10,000-key environment. `orm`
// answers the same reads through Prisma from the same columns; the integration tests hold the
// two to the same results on both databases. Both give the rows `toView` maps.

export type ApiKeyPage = { items: ApiKeyView[]; total: number; page: number; pageSize: number };

/** A page of the list, as the reads take it (parsed, defaults applied); `now` decides expired or active. */
export type ApiKeyListQuery = {
  environmentId: number;
  search?: string;
  status?: ApiKeyStatus;
  page: number;
  pageSize: number;
  now: Date;
};

type Filters = Pick<ApiKeyListQuery, "environmentId" | "search" | "status" | "now">;
/** Which filters a statement has, not their values: one statement per shape. */
type Shape = Pick<ApiKeyListQuery, "search" | "status">;

const COLUMNS = Object.keys(VIEW_SELECT) as (keyof typeof VIEW_SELECT)[];
const DATES = [
  "createdAt",
  "updatedAt",
  "expiresAt",
  "revokedAt",
  "previousSecretExpiresAt",
  "secretRotatedAt",
  "previousSecretLastUsedAt",
  "lastUsedAt",
] as const;

/** Newest first; keys created in the same millisecond by id. */
const ORDER = [
  ["createdAt", "DESC"],
  ["id", "ASC"],
] as const;

/** Expired and active are relative to the request's time, an argument of its own. */
const timed = (status: ApiKeyStatus | undefined) => status === "expired" || status === "active";

/** The WHERE clause after the environment ($1); `first` is the next placeholder. As statusWhere and searchWhere. */
function whereOf(dialect: Dialect, shape: Shape, first: number): string {
  const where = ['"environmentId" = $1'];
  let n = first;
  if (shape.status === "revoked") where.push(`"revokedAt" IS NOT NULL`);
  if (shape.status === "expired") where.push(`"revokedAt" IS NULL AND "expiresAt" <= $${n++}`);
  if (shape.status === "active")
    where.push(`"revokedAt" IS NULL AND ("expiresAt" IS NULL OR "expiresAt" > $${n++})`);
  if (shape.search) {
    // The name or the client ID, in any case, as containsText (Prisma's `contains`).
    const name = likePattern(dialect, "name", `$${n}`, true);
    where.push(`(${name} OR ${likePattern(dialect, "clientId", `$${n}`, true)})`);
  }
  return where.join(" AND ");
}

function filterArgs(filters: Filters): unknown[] {
  return [
    ...(timed(filters.status) ? [filters.now] : []),
    ...(filters.search ? [containsPattern(filters.search)] : []),
  ];
}

function shapeName(shape: Shape): string {
  return `${shape.status ?? ""}:${shape.search ? "search" : ""}`;
}

const statement = statementCache("api_key");

/**
 * From this offset on a page is read by a deferred join (`prepared.listQuery`). Reading and
 * skipping the rows themselves puts every skipped key's whole row through the sort of ties; the
 * deferred join skips only ids, but its join costs more on the first pages. Measured on 10,000
 * keys, rows then deferred: the first page 351 / 375 µs on SQLite, 568 / 726 µs on PostgreSQL;
 * offset 400, 472 / 363 and 860 / 778 µs; page 250 (offset 4,980), 4.4 / 2.5 and 5.3 / 3.0 ms.
 */
export const DEFERRED_OFFSET = 200;

export const prepared = {
  /**
   * The page's statement: `$1` environment, `$2` page size, `$3` offset, then the filters. The
   * keys in (createdAt, id) order from the (environmentId, createdAt) index; `deferred`, the
   * page's ids first, then only their rows, by primary key.
   */
  listQuery(shape: Shape, deferred: boolean) {
    return statement(`list:${shapeName(shape)}${deferred ? ":deferred" : ""}`, (d) => {
      const where = whereOf(d, shape, 4);
      const page = `${orderBy("api_key", ORDER)} LIMIT $2 OFFSET $3`;
      if (!deferred)
        return `SELECT ${selectColumns(d, COLUMNS, DATES)} FROM "api_key" WHERE ${where} ${page}`;
      const ids = `SELECT "id", "createdAt" FROM "api_key" WHERE ${where} ${page}`;
      // In the ids' order: both databases read them in that order and fetch each one's row, with
      // no sort after.
      const order = orderBy("page", ORDER);
      if (d === "sqlite")
        return `SELECT ${selectColumns(d, COLUMNS, DATES, '"api_key"')} FROM (${ids}) AS "page" JOIN "api_key" ON "api_key"."id" = "page"."id" ${order}`;
      // After its first runs PostgreSQL may keep one plan of a named statement for every page,
      // made without the page size: guessing a tenth of the keys per page, it joined them by
      // hashing the whole table (8.0 ms instead of 2.5 at offset 3,980 of 10,000 keys). The row
      // is a lateral subquery that OFFSET 0 keeps apart: always one lookup by primary key per id.
      return `SELECT "key".* FROM (${ids}) AS "page" CROSS JOIN LATERAL (SELECT ${selectColumns(d, COLUMNS, DATES)} FROM "api_key" WHERE "api_key"."id" = "page"."id" OFFSET 0) AS "key" ${order}`;
    });
  },
  rows(query: ApiKeyListQuery, deferred?: boolean): Promise<ViewRow[]> {
    const offset = (query.page - 1) * query.pageSize;
    return queryRows<ViewRow>(
      prepared.listQuery(query, deferred ?? offset >= DEFERRED_OFFSET),
      [query.environmentId, query.pageSize, offset, ...filterArgs(query)],
      DATES,
    );
  },
  count(filters: Filters): Promise<number> {
    return queryCount(
      statement(
        `count:${shapeName(filters)}`,
        (d) => `SELECT COUNT(*) AS "total" FROM "api_key" WHERE ${whereOf(d, filters, 2)}`,
      ),
      [filters.environmentId, ...filterArgs(filters)],
    );
  },
};

function statusWhere(status: ApiKeyStatus | undefined, now: Date) {
  if (status === "revoked") return { revokedAt: { not: null } };
  if (status === "expired") return { revokedAt: null, expiresAt: { lte: now } };
  if (status === "active") return { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  return {};
}

function searchWhere(search: string | undefined) {
  if (!search) return {};
  const contains = containsText(search);
  return { AND: [{ OR: [{ name: contains }, { clientId: contains }] }] };
}

function ormWhere(filters: Filters) {
  return {
    environmentId: filters.environmentId,
    ...statusWhere(filters.status, filters.now),
    ...searchWhere(filters.search),
  };
}

/** The same reads through Prisma: what the prepared statements must answer. */
export const orm = {
  rows(query: ApiKeyListQuery): Promise<ViewRow[]> {
    return db().apiKey.findMany({
      where: ormWhere(query),
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: VIEW_SELECT,
    });
  },
  count(filters: Filters): Promise<number> {
    return db().apiKey.count({ where: ormWhere(filters) });
  },
};

/** One page of an environment's keys, newest first, with server-side search and status filter. */
export async function listApiKeys(actor: Actor, input: ListApiKeysInput): Promise<ApiKeyPage> {
  assertActorCan(actor, "apiKeys", "view");
  const { environmentId, search, status, page, pageSize } = parseInput(listApiKeysInput, input);
  await assertEnvironment(actor, environmentId);
  const query: ApiKeyListQuery = { environmentId, search, status, page, pageSize, now: new Date() };
  const [rows, total] = await Promise.all([prepared.rows(query), prepared.count(query)]);
  return { items: rows.map(toView), total, page, pageSize };
}
