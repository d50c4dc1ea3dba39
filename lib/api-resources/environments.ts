import "server-only";
import { db } from "../db";
import { preparedDialect, preparedQuery, queryRows, type Dialect } from "../db/prepared";
import type { Actor } from "../auth/actor";
import { environmentsWhere } from "../organisations/access";

export type ApiEnvironment = { id: number; name: string; created: string; organisationName: string };

type EnvironmentRow = { id: number; name: string; createdAt: Date; organisationName: string };

function toApiEnvironment(row: EnvironmentRow): ApiEnvironment {
  return {
    id: row.id,
    name: row.name,
    created: row.createdAt.toISOString(),
    organisationName: row.organisationName,
  };
}

/** The environments an actor may use, through Prisma: what the prepared statement must answer. */
export async function environmentRowsOrm(actor: Actor): Promise<EnvironmentRow[]> {
  const rows = await db().environment.findMany({
    where: environmentsWhere(actor),
    orderBy: { id: "asc" },
    select: { id: true, name: true, createdAt: true, organisation: { select: { name: true } } },
  });
  return rows.map(({ organisation, ...row }) => ({ ...row, organisationName: organisation.name }));
}

// The same read as a prepared statement (environmentsWhere: the organisation's environments,
// an API key only its own).
const statements = new Map<string, ReturnType<typeof preparedQuery>>();
function environmentsQuery(dialect: Dialect, ownOnly: boolean) {
  const key = `${dialect}:${ownOnly}`;
  let query = statements.get(key);
  if (!query) {
    const created = dialect === "postgres" ? `e."createdAt" AT TIME ZONE 'UTC'` : `e."createdAt"`;
    const text =
      `SELECT e."id", e."name", ${created} AS "createdAt", o."name" AS "organisationName" ` +
      `FROM "environment" e JOIN "organisation" o ON o."id" = e."organisationId" ` +
      `WHERE e."organisationId" = $1${ownOnly ? ` AND e."id" = $2` : ""} ORDER BY e."id" ASC`;
    statements.set(key, (query = preparedQuery(`environment.list:${ownOnly}`, text)));
  }
  return query;
}

export async function environmentRowsPrepared(actor: Actor): Promise<EnvironmentRow[]> {
  const query = (ownOnly: boolean) => () => environmentsQuery(preparedDialect() ?? "sqlite", ownOnly);
  if (actor.type === "api_key")
    return queryRows(query(true), [actor.organisationId, actor.environmentId], ["createdAt"]);
  return queryRows(query(false), [actor.organisationId], ["createdAt"]);
}

/**
 * The environments an actor may use through the API. API keys are scoped to one environment,
 * so a key sees exactly its own; other actors see every environment of their organisation.
 */
export async function listApiEnvironments(actor: Actor): Promise<ApiEnvironment[]> {
  const rows = preparedDialect() ? await environmentRowsPrepared(actor) : await environmentRowsOrm(actor);
  return rows.map(toApiEnvironment);
}
