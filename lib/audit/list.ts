import "server-only";
import { assertActorCan } from "../auth/access";
import type { Actor } from "../auth/actor";
import { containsText, db } from "../db";
import {
  containsPattern,
  likePattern,
  orderBy,
  prefixPattern,
  queryCount,
  queryRows,
  selectColumns,
  statementCache,
  type Dialect,
  type PreparedQuery,
} from "../db/prepared";

// The audit log's page and its (bounded) count, on every view of the audit log page and of a
// key's audit trail. They run as prepared statements of the driver (lib/db/prepared.ts):
// Prisma's query compiler costs more CPU per query than the query itself takes on the
// (organisationId, createdAt) index of a 100,000-event log. `orm` answers the same reads
// through Prisma from the same columns; the integration tests hold the two to the same results
// on both databases.

export type AuditFilters = {
  actor?: string;
  action?: string;
  environmentId?: number;
  from?: Date;
  to?: Date;
  targetType?: string;
  targetId?: string;
};

export type AuditEventView = {
  id: string;
  createdAt: Date;
  actorType: string;
  actorLabel: string;
  action: string;
  environmentId: number | null;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
};

/** An entry as the database answers it: `details` still JSON. */
export type AuditEventRow = Omit<AuditEventView, "details"> & { details: string };

/**
 * Counting a page's matches stops past this many (or past the page, if it lies further): the
 * log then says "more than 10,000 events". An exact count reads the organisation's whole index
 * range on every page view — 100,000 entries took 4–10 ms, the slowest part of the page —
 * and the number of a log's pages past the 200th helps nobody; filters find old events.
 */
export const AUDIT_COUNT_LIMIT = 10_000;

export type AuditPage = {
  events: AuditEventView[];
  /** The matches, or a lower bound of them when `totalIsLowerBound`. */
  total: number;
  /** More than `total` events match: counting stopped there. */
  totalIsLowerBound: boolean;
};

const SELECT = {
  id: true,
  createdAt: true,
  actorType: true,
  actorLabel: true,
  action: true,
  environmentId: true,
  targetType: true,
  targetId: true,
  targetLabel: true,
  ip: true,
  userAgent: true,
  details: true,
} as const;
const COLUMNS = Object.keys(SELECT) as (keyof typeof SELECT)[];
const DATES = ["createdAt"] as const;

/**
 * A family ("member.") matches each of its actions; a full name only itself, so "auth.sign_in"
 * does not also list "auth.sign_in_failed".
 */
const isFamily = (action: string) => action.endsWith(".");

/**
 * The filters a statement has, in the order of their placeholders (not their values): one
 * statement per set, named by them (short: PostgreSQL keeps 63 bytes of a statement's name).
 */
const FILTERS = ["actor", "action", "family", "env", "type", "target", "from", "to"] as const;
type Filter = (typeof FILTERS)[number];

function filtersOf(filters: AuditFilters): Filter[] {
  const action = filters.action ?? "";
  const set: Record<Filter, boolean> = {
    actor: Boolean(filters.actor),
    action: Boolean(action) && !isFamily(action),
    family: Boolean(action) && isFamily(action),
    env: filters.environmentId !== undefined,
    type: Boolean(filters.targetType),
    target: Boolean(filters.targetId),
    from: Boolean(filters.from),
    to: Boolean(filters.to),
  };
  return FILTERS.filter((filter) => set[filter]);
}

/** Each filter's condition on its placeholder, as `ormWhere`'s. */
const CONDITION: Record<Filter, (dialect: Dialect, placeholder: string) => string> = {
  // Any case, as containsText (Prisma's `contains`).
  actor: (d, p) => likePattern(d, "actorLabel", p, true),
  action: (_, p) => `"action" = ${p}`,
  // Prisma's `startsWith`: LIKE as it is on each database.
  family: (d, p) => likePattern(d, "action", p, false),
  env: (_, p) => `"environmentId" = ${p}`,
  type: (_, p) => `"targetType" = ${p}`,
  target: (_, p) => `"targetId" = ${p}`,
  from: (_, p) => `"createdAt" >= ${p}`,
  to: (_, p) => `"createdAt" <= ${p}`,
};

function argOf(filter: Filter, filters: AuditFilters): unknown {
  if (filter === "actor") return containsPattern(filters.actor ?? "");
  if (filter === "action") return filters.action;
  if (filter === "family") return prefixPattern(filters.action ?? "");
  if (filter === "env") return filters.environmentId;
  if (filter === "type") return filters.targetType;
  if (filter === "target") return filters.targetId;
  return filters[filter];
}

/** The WHERE clause after the organisation ($1); `first` is the next placeholder. */
function whereOf(dialect: Dialect, set: readonly Filter[], first: number): string {
  return [
    '"organisationId" = $1',
    ...set.map((filter, i) => CONDITION[filter](dialect, `$${first + i}`)),
  ].join(" AND ");
}

const statement = statementCache("audit_event");

/**
 * With an actor's text or an action family, PostgreSQL plans each call with its patterns: a plan
 * made once for any pattern guesses that a LIKE matches 0.5 % of the events, so with both it
 * expects about one match, and its plan read the whole table and sorted every match (see
 * PlanOptions). The plan of each call costs the server what Prisma's queries cost it.
 */
const planOf = (set: readonly Filter[]) => ({ planPerCall: set.includes("actor") || set.includes("family") });

type Statement = { query: PreparedQuery; args: unknown[] };

/** The filters' arguments, in the order of their placeholders. */
const filterArgs = (set: readonly Filter[], filters: AuditFilters) =>
  set.map((filter) => argOf(filter, filters));

export const prepared = {
  /**
   * The page's statement: `$1` organisation, `$2` page size, `$3` offset, then the filters.
   * Newest first and nothing more, as before: events of the same millisecond come in the index's
   * order. Ordering them by id too put every skipped event's row through a sort on SQLite (page
   * 200 of 100,000 events: 0.9 ms, 8.8 ms with the id).
   */
  pageQuery(organisationId: string, filters: AuditFilters, page: { take: number; skip: number }): Statement {
    const set = filtersOf(filters);
    const query = statement(
      `page:${set.join(".")}`,
      (d) =>
        `SELECT ${selectColumns(d, COLUMNS, DATES)} FROM "audit_event" WHERE ${whereOf(d, set, 4)} ${orderBy("audit_event", [["createdAt", "DESC"]])} LIMIT $2 OFFSET $3`,
      planOf(set),
    );
    return { query, args: [organisationId, page.take, page.skip, ...filterArgs(set, filters)] };
  },
  /**
   * The count's statement: `$1` organisation, `$2` limit, then the filters. Without an order:
   * any `limit` matches count the same, and each database reads them from whichever index the
   * filters suit. (Prisma's count needs the page's order, or it orders the counted rows by id —
   * a sort of every match.)
   */
  countQuery(organisationId: string, filters: AuditFilters, limit: number): Statement {
    const set = filtersOf(filters);
    const query = statement(
      `count:${set.join(".")}`,
      (d) =>
        `SELECT COUNT(*) AS "total" FROM (SELECT 1 FROM "audit_event" WHERE ${whereOf(d, set, 3)} LIMIT $2) AS "matches"`,
      planOf(set),
    );
    return { query, args: [organisationId, limit, ...filterArgs(set, filters)] };
  },
  rows(organisationId: string, filters: AuditFilters, page: { take: number; skip: number }) {
    const { query, args } = prepared.pageQuery(organisationId, filters, page);
    return queryRows<AuditEventRow>(query, args, DATES);
  },
  /** The matches, counted up to `limit`. */
  count(organisationId: string, filters: AuditFilters, limit: number): Promise<number> {
    const { query, args } = prepared.countQuery(organisationId, filters, limit);
    return queryCount(query, args);
  },
};

function ormWhere(organisationId: string, filters: AuditFilters) {
  return {
    organisationId,
    ...(filters.actor ? { actorLabel: containsText(filters.actor) } : {}),
    ...(filters.action
      ? { action: isFamily(filters.action) ? { startsWith: filters.action } : filters.action }
      : {}),
    ...(filters.environmentId !== undefined ? { environmentId: filters.environmentId } : {}),
    ...(filters.targetType ? { targetType: filters.targetType } : {}),
    ...(filters.targetId ? { targetId: filters.targetId } : {}),
    ...(filters.from || filters.to
      ? {
          createdAt: {
            ...(filters.from ? { gte: filters.from } : {}),
            ...(filters.to ? { lte: filters.to } : {}),
          },
        }
      : {}),
  };
}

/** The same reads through Prisma: what the prepared statements must answer. */
export const orm = {
  rows(organisationId: string, filters: AuditFilters, page: { take: number; skip: number }) {
    return db().auditEvent.findMany({
      where: ormWhere(organisationId, filters),
      orderBy: { createdAt: "desc" },
      take: page.take,
      skip: page.skip,
      select: SELECT,
    });
  },
  count(organisationId: string, filters: AuditFilters, limit: number): Promise<number> {
    // In the page's order, which an index serves: without one Prisma orders the counted rows by
    // id, a sort of every match (84 ms at 100,000 events).
    return db().auditEvent.count({
      where: ormWhere(organisationId, filters),
      orderBy: { createdAt: "desc" },
      take: limit,
    });
  },
};

/** One page of the actor's organisation's audit log, newest first. */
export async function listAudit(
  actor: Actor,
  filters: AuditFilters,
  page: { take: number; skip: number },
): Promise<AuditPage> {
  assertActorCan(actor, "auditLog", "view");
  // At least as far as the page's end, so that the page knows whether another follows.
  const countLimit = Math.max(AUDIT_COUNT_LIMIT, page.skip + page.take);
  const [rows, counted] = await Promise.all([
    prepared.rows(actor.organisationId, filters, page),
    // One past the limit tells "more than the limit" from "exactly the limit".
    prepared.count(actor.organisationId, filters, countLimit + 1),
  ]);
  return {
    events: rows.map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> })),
    total: Math.min(counted, countLimit),
    totalIsLowerBound: counted > countLimit,
  };
}
