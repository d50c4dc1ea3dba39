import "server-only";
import { db, isPostgresUrl } from "../../db";
import { leasedRows } from "../../db/leases";
import type { MessageForDelivery } from "./deliver";

// The outbox's messages are claimed with leases (lib/db/leases.ts) by any number of workers; a
// paused endpoint's messages wait: a message is due only while its endpoint is enabled.
const messages = leasedRows({
  table: "webhook_message",
  join: { sql: `JOIN "webhook_endpoint" e ON e."id" = r."endpointId"`, condition: `e."status" = 'enabled'` },
});

/** Claims up to `limit` due messages for `owner` until `leaseUntil`; returns their ids. */
export const claimDue = messages.claim;
/** Keeps the lease of messages still being delivered (a heartbeat). */
export const extendLeases = messages.extend;
/** Gives messages back (shutdown): another worker may claim them at once. */
export const releaseLeases = messages.release;

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
