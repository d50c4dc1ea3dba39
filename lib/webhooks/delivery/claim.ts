import "server-only";
import { db, isPostgresUrl } from "../../db";
import type { MessageForDelivery } from "./deliver";

// Claiming due messages with a lease, atomically, so any number of workers (instances) share the
// outbox without two of them holding the same message: on PostgreSQL the candidate rows are
// locked with FOR UPDATE SKIP LOCKED (a row another worker is claiming is skipped, not waited
// for); on SQLite the one UPDATE … RETURNING runs alone (SQLite serialises writers) and its
// condition is the lease. A due message is pending, its time has come, its lease (if any) has run
// out — its holder died — and its endpoint is enabled (a paused endpoint's messages wait).

const due = (now: string, again: string) => `m."status" = 'pending' AND m."nextAttemptAt" <= ${now}
  AND (m."leaseUntil" IS NULL OR m."leaseUntil" < ${again}) AND e."status" = 'enabled'`;

/** Claims up to `limit` due messages for `owner` until `leaseUntil`; returns their ids. */
export async function claimDue(owner: string, limit: number, now: Date, leaseUntil: Date): Promise<string[]> {
  if (limit <= 0) return [];
  const postgres = isPostgresUrl();
  const rows = postgres
    ? await db().$queryRawUnsafe<{ id: string }[]>(
        `UPDATE "webhook_message" SET "leaseOwner" = $1, "leaseUntil" = $2
         WHERE "id" IN (
           SELECT m."id" FROM "webhook_message" m JOIN "webhook_endpoint" e ON e."id" = m."endpointId"
           WHERE ${due("$3", "$3")}
           ORDER BY m."nextAttemptAt" LIMIT $4
           FOR UPDATE OF m SKIP LOCKED)
         RETURNING "id"`,
        owner,
        leaseUntil,
        now,
        limit,
      )
    : await db().$queryRawUnsafe<{ id: string }[]>(
        `UPDATE "webhook_message" SET "leaseOwner" = ?, "leaseUntil" = ?
         WHERE "id" IN (
           SELECT m."id" FROM "webhook_message" m JOIN "webhook_endpoint" e ON e."id" = m."endpointId"
           WHERE ${due("?", "?")}
           ORDER BY m."nextAttemptAt" LIMIT ?)
         RETURNING "id"`,
        owner,
        leaseUntil,
        now,
        now,
        limit,
      );
  return rows.map((row) => row.id);
}

/** Keeps the lease of messages still being delivered (a heartbeat). */
export async function extendLeases(owner: string, ids: string[], leaseUntil: Date): Promise<void> {
  if (ids.length === 0) return;
  await db().webhookMessage.updateMany({
    where: { id: { in: ids }, leaseOwner: owner },
    data: { leaseUntil },
  });
}

/** Gives messages back (shutdown): another worker may claim them at once. */
export async function releaseLeases(owner: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const { count } = await db().webhookMessage.updateMany({
    where: { id: { in: ids }, leaseOwner: owner, status: "pending" },
    data: { leaseOwner: null, leaseUntil: null },
  });
  return count;
}

type LoadedRow = {
  id: string;
  status: string;
  attemptCount: number | bigint;
  leaseOwner: string | null;
  payload: string;
  endpointId: string;
  name: string;
  url: string;
  endpointStatus: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | string | null;
  credentialId: string | null;
  environmentId: number | bigint;
  failingSince: Date | string | null;
  organisationId: string;
};

const asDate = (value: Date | string | null) => (value === null ? null : new Date(value));

/** Everything a delivery needs of the messages `owner` claimed, in one query. */
export async function loadClaimed(owner: string, ids: string[]): Promise<MessageForDelivery[]> {
  if (ids.length === 0) return [];
  const postgres = isPostgresUrl();
  const marks = ids.map((_, i) => (postgres ? `$${i + 2}` : "?"));
  const rows = await db().$queryRawUnsafe<LoadedRow[]>(
    `SELECT m."id", m."status", m."attemptCount", m."leaseOwner", ev."payload",
            e."id" AS "endpointId", e."name", e."url", e."status" AS "endpointStatus", e."secret",
            e."previousSecret", e."previousSecretExpiresAt", e."credentialId", e."environmentId",
            e."failingSince", env."organisationId"
     FROM "webhook_message" m
     JOIN "event" ev ON ev."id" = m."eventId"
     JOIN "webhook_endpoint" e ON e."id" = m."endpointId"
     JOIN "environment" env ON env."id" = e."environmentId"
     WHERE m."leaseOwner" = ${postgres ? "$1" : "?"} AND m."id" IN (${marks.join(", ")})`,
    owner,
    ...ids,
  );
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    attemptCount: Number(row.attemptCount),
    leaseOwner: row.leaseOwner,
    event: { payload: row.payload },
    endpoint: {
      id: row.endpointId,
      name: row.name,
      url: row.url,
      status: row.endpointStatus,
      secret: row.secret,
      previousSecret: row.previousSecret,
      previousSecretExpiresAt: asDate(row.previousSecretExpiresAt),
      credentialId: row.credentialId,
      environmentId: Number(row.environmentId),
      failingSince: asDate(row.failingSince),
      environment: { organisationId: row.organisationId },
    },
  }));
}
