import "server-only";
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
import { assertCredentialAccess } from "./access";
import { listCredentialsInput, type CredentialSort, type ListCredentialsInput } from "./schemas";
import { SECRET_EXPIRY_THRESHOLDS, DAY_MS } from "./secret-expiry-status";
import { SUMMARY_SELECT, summaryOf, type CredentialSummary, type CredentialSummaryRow } from "./views";

// The credential list's reads: a page of summaries (never `secrets`), its total, and the
// credentials whose secret expires at the provider soon (the list's banner). They run as
// prepared statements of the driver (lib/db/prepared.ts): Prisma's query compiler costs more
// CPU per query than the query itself takes on an indexed 10,000-row table. `orm` answers the
// same reads through Prisma from the same columns; the integration tests hold the two to the
// same results on both databases.

export type CredentialPage = { items: CredentialSummary[]; total: number; page: number; pageSize: number };
export type ExpiringCredential = { id: string; name: string; secretExpiresAt: Date };

/** A page of the list, as the reads take it (parsed, defaults applied). */
export type CredentialListQuery = {
  environmentId: number;
  search?: string;
  type?: string;
  sort: CredentialSort;
  page: number;
  pageSize: number;
};

const COLUMNS = Object.keys(SUMMARY_SELECT) as (keyof typeof SUMMARY_SELECT)[];
const DATES = ["createdAt", "updatedAt", "lastTestedAt", "lastUsedAt", "secretExpiresAt"] as const;
/** How many credentials the banner names at most. */
const EXPIRING_LIMIT = 20;

/** The banner's horizon: secrets expiring within the first notice's days (or expired). */
export function expiringBefore(now: Date): Date {
  return new Date(now.getTime() + SECRET_EXPIRY_THRESHOLDS[0] * DAY_MS);
}

type Filters = { type: boolean; search: boolean };

/** The WHERE clause and its arguments after the environment ($1); `first` is the next placeholder. */
function whereOf(dialect: Dialect, filters: Filters, first: number): string {
  const where = ['"environmentId" = $1'];
  let n = first;
  if (filters.type) where.push(`"type" = $${n++}`);
  // Any case, as containsText (Prisma's `contains`).
  if (filters.search) where.push(likePattern(dialect, "name", `$${n}`, true));
  return where.join(" AND ");
}

function filterArgs(query: Pick<CredentialListQuery, "search" | "type">): unknown[] {
  return [...(query.type ? [query.type] : []), ...(query.search ? [containsPattern(query.search)] : [])];
}

const ORDER: Record<CredentialSort, string> = {
  // By expiry: the soonest first, credentials without a date after them (by name).
  secret_expiry: orderBy("credential", [
    ["secretExpiresAt", "ASC NULLS LAST"],
    ["name", "ASC"],
  ]),
  name: orderBy("credential", [["name", "ASC"]]),
};

const EXPIRING_ORDER = orderBy("credential", [
  ["secretExpiresAt", "ASC"],
  ["name", "ASC"],
]);

const statement = statementCache("credential");

function filtersOf(query: Pick<CredentialListQuery, "search" | "type">): Filters {
  return { type: Boolean(query.type), search: Boolean(query.search) };
}

type BooleanColumn = "lastTestOk" | "lastUseOk";
type RawRow = Omit<CredentialSummaryRow, BooleanColumn> & Record<BooleanColumn, boolean | number | null>;

/** SQLite answers booleans as 0/1, PostgreSQL as booleans; null stays null. */
function booleanOrNull(value: boolean | number | null): boolean | null {
  return value === null ? null : Boolean(value);
}

export const prepared = {
  /** The page's statement: `$1` environment, `$2` page size, `$3` offset, then the filters. */
  listQuery(query: Pick<CredentialListQuery, "sort" | "search" | "type">) {
    const filters = filtersOf(query);
    const name = `list:${query.sort}:${filters.type ? "type" : ""}:${filters.search ? "search" : ""}`;
    return statement(
      name,
      (d) =>
        `SELECT ${selectColumns(d, COLUMNS, DATES)} FROM "credential" WHERE ${whereOf(d, filters, 4)} ${ORDER[query.sort]} LIMIT $2 OFFSET $3`,
    );
  },
  async rows(query: CredentialListQuery): Promise<CredentialSummaryRow[]> {
    const rows = await queryRows<RawRow>(
      prepared.listQuery(query),
      [query.environmentId, query.pageSize, (query.page - 1) * query.pageSize, ...filterArgs(query)],
      DATES,
    );
    return rows.map((row) => ({
      ...row,
      lastTestOk: booleanOrNull(row.lastTestOk),
      lastUseOk: booleanOrNull(row.lastUseOk),
    }));
  },
  async count(query: Pick<CredentialListQuery, "environmentId" | "search" | "type">): Promise<number> {
    const filters = filtersOf(query);
    const name = `count:${filters.type ? "type" : ""}:${filters.search ? "search" : ""}`;
    return queryCount(
      statement(name, (d) => `SELECT COUNT(*) AS "total" FROM "credential" WHERE ${whereOf(d, filters, 2)}`),
      [query.environmentId, ...filterArgs(query)],
    );
  },
  async expiring(environmentId: number, before: Date): Promise<ExpiringCredential[]> {
    return queryRows<ExpiringCredential>(
      statement(
        "expiring",
        (d) =>
          `SELECT ${selectColumns(d, ["id", "name", "secretExpiresAt"], ["secretExpiresAt"])} FROM "credential" WHERE "environmentId" = $1 AND "secretExpiresAt" <= $2 ${EXPIRING_ORDER} LIMIT ${EXPIRING_LIMIT}`,
      ),
      [environmentId, before],
      ["secretExpiresAt"],
    );
  },
};

function ormWhere(query: Pick<CredentialListQuery, "environmentId" | "search" | "type">) {
  return {
    environmentId: query.environmentId,
    ...(query.type ? { type: query.type } : {}),
    ...(query.search ? { name: containsText(query.search) } : {}),
  };
}

/** The same reads through Prisma: what the prepared statements must answer. */
export const orm = {
  rows(query: CredentialListQuery): Promise<CredentialSummaryRow[]> {
    return db().credential.findMany({
      where: ormWhere(query),
      select: SUMMARY_SELECT,
      orderBy:
        query.sort === "secret_expiry"
          ? [{ secretExpiresAt: { sort: "asc", nulls: "last" } }, { name: "asc" }]
          : [{ name: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
  },
  count(query: Pick<CredentialListQuery, "environmentId" | "search" | "type">): Promise<number> {
    return db().credential.count({ where: ormWhere(query) });
  },
  async expiring(environmentId: number, before: Date): Promise<ExpiringCredential[]> {
    const rows = await db().credential.findMany({
      where: { environmentId, secretExpiresAt: { lte: before } },
      select: { id: true, name: true, secretExpiresAt: true },
      orderBy: [{ secretExpiresAt: "asc" }, { name: "asc" }],
      take: EXPIRING_LIMIT,
    });
    return rows.map((row) => ({ ...row, secretExpiresAt: row.secretExpiresAt! }));
  },
};

function listQuery(input: ListCredentialsInput): CredentialListQuery {
  const {
    environmentId,
    search,
    type,
    sort = "name",
    page = 1,
    pageSize = 25,
  } = parseInput(listCredentialsInput, input);
  return { environmentId, search, type, sort, page, pageSize };
}

async function pageOf(query: CredentialListQuery): Promise<CredentialPage> {
  const [rows, total] = await Promise.all([prepared.rows(query), prepared.count(query)]);
  return { items: rows.map(summaryOf), total, page: query.page, pageSize: query.pageSize };
}

/** A page of the environment's credentials (summaries, never a secret), by name or by secret expiry. */
export async function listCredentials(actor: Actor, input: ListCredentialsInput): Promise<CredentialPage> {
  const query = listQuery(input);
  assertCredentialAccess(actor, "view");
  await assertEnvironment(actor, query.environmentId);
  return pageOf(query);
}

/**
 * The environment's credentials whose secret expires at the provider within 14 days or has
 * expired, soonest first (the credential list's banner).
 */
export async function credentialsWithExpiringSecrets(
  actor: Actor,
  environmentId: number,
  now: Date = new Date(),
): Promise<ExpiringCredential[]> {
  assertCredentialAccess(actor, "view");
  await assertEnvironment(actor, environmentId);
  return prepared.expiring(environmentId, expiringBefore(now));
}

/** The console's credential list in one call: the page and the banner's credentials, the environment checked once. */
export async function credentialListPage(
  actor: Actor,
  input: ListCredentialsInput,
  now: Date = new Date(),
): Promise<CredentialPage & { expiring: ExpiringCredential[] }> {
  const query = listQuery(input);
  assertCredentialAccess(actor, "view");
  await assertEnvironment(actor, query.environmentId);
  const [page, expiring] = await Promise.all([
    pageOf(query),
    prepared.expiring(query.environmentId, expiringBefore(now)),
  ]);
  return { ...page, expiring };
}
