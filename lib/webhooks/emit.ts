import "server-only";
import { randomText } from "../crypto/random-pool";
import { db, isPostgresUrl, type Db } from "../db";
import type { EventPayload, EventType } from "./catalogue";
import { nudgeWebhookWorker } from "./delivery/nudge";
import { afterCommit, dialectQuery, execute, insertQuery, type TransactionWork } from "../db/prepared";
import { idTimeText, type StreamPrefix } from "./stream-ids";
import { parseEventTypes, receivingEndpoints, RECEIVING_STATUSES } from "./subscribers";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

let lastMs = 0;
let sequence = 0;

/** Sortable, unguessable ids: time first so ids of one stream sort by creation. */
export function streamId(prefix: StreamPrefix): string {
  // The time, then a sequence within the millisecond (ids made by this process sort in the order
  // they were made, even in the same millisecond or if the clock steps back), then 64 random bits.
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  } else if (++sequence > 0xffff) {
    lastMs += 1;
    sequence = 0;
  }
  return `${prefix}_${idTimeText(lastMs)}${sequence.toString(16).padStart(4, "0")}${randomText(8, "hex")}`;
}

type EmittedEvent = { environmentId: number; type: EventType; data: Record<string, unknown>; at?: Date };

/** The outbox row of an event: what both writers below insert. */
function eventRow(event: EmittedEvent) {
  const at = event.at ?? new Date();
  const payload: EventPayload = { type: event.type, timestamp: at.toISOString(), data: event.data };
  return {
    id: streamId("evt"),
    environmentId: event.environmentId,
    type: event.type as string,
    payload: JSON.stringify(payload),
    createdAt: at,
  };
}

/** The row of one webhook message of an event for an endpoint. */
function messageRow(endpointId: string, event: { id: string; type: string; createdAt: Date }) {
  return {
    id: streamId("msg"),
    endpointId,
    eventId: event.id,
    eventType: event.type,
    status: "pending",
    nextAttemptAt: event.createdAt,
    createdAt: event.createdAt,
  };
}

/**
 * Records a domain event in the outbox and queues one webhook message per endpoint of the environment
 * that subscribes to its type (a paused endpoint's messages wait for it to be resumed; a disabled
 * endpoint gets none). Call it with the transaction client of the change that
 * caused the event, so the change and its event commit (or roll back) together.
 * The API's writes use `emitEventPrepared`, the same rows through prepared statements.
 */
export async function emitEvent(
  tx: Tx | Db,
  event: EmittedEvent,
): Promise<{ eventId: string; messages: number }> {
  const row = eventRow(event);
  await tx.event.create({ data: row });
  // PostgreSQL: the endpoints are read FOR KEY SHARE, so an endpoint being deleted at this moment
  // is waited for and then skipped, rather than read as still there and its message failing the
  // foreign key (and the whole change) once the delete commits. SQLite has one writer at a time.
  const endpoints = isPostgresUrl()
    ? await tx.$queryRawUnsafe<{ id: string; eventTypes: string }[]>(
        `SELECT "id", "eventTypes" FROM "webhook_endpoint" WHERE "environmentId" = $1
           AND "status" IN (${RECEIVING_STATUSES.map((s) => `'${s}'`).join(", ")}) FOR KEY SHARE`,
        event.environmentId,
      )
    : await tx.webhookEndpoint.findMany({
        where: { environmentId: event.environmentId, status: { in: [...RECEIVING_STATUSES] } },
        select: { id: true, eventTypes: true },
      });
  const subscribed = endpoints.filter((endpoint) =>
    parseEventTypes(endpoint.eventTypes).includes(event.type),
  );
  if (subscribed.length > 0) {
    await tx.webhookMessage.createMany({ data: subscribed.map((endpoint) => messageRow(endpoint.id, row)) });
    // This process's worker polls at once (and briefly fast, until the transaction commits).
    nudgeWebhookWorker();
  }
  return { eventId: row.id, messages: subscribed.length };
}

const EVENT_COLUMNS = ["id", "environmentId", "type", "payload", "createdAt"] as const;
const INSERT_EVENT = insertQuery("event", EVENT_COLUMNS);
const MESSAGE_COLUMNS = [
  "id",
  "endpointId",
  "eventId",
  "eventType",
  "status",
  "nextAttemptAt",
  "createdAt",
] as const;
// Only if the endpoint still receives this type at this moment: the endpoints come from memory
// (./subscribers.ts), which may be up to its TTL behind another instance's delete, disable or
// edit. `$8` is the type as it appears in the stored JSON array ("card.created", quoted). On
// PostgreSQL the endpoint is read FOR KEY SHARE, as emitEvent reads them: one being deleted is
// waited for, then not found, rather than seen and its message failing the foreign key (and
// the whole write) once the delete commits.
const INSERT_MESSAGE = dialectQuery(
  "webhook_message.insert_if_receiving",
  (d) =>
    `INSERT INTO "webhook_message" (${MESSAGE_COLUMNS.map((c) => `"${c}"`).join(", ")})
     SELECT $1, $2, $3, $4, $5, $6, $7
     WHERE EXISTS (SELECT 1 FROM "webhook_endpoint" WHERE "id" = $2
       AND "status" IN (${RECEIVING_STATUSES.map((s) => `'${s}'`).join(", ")})
       AND ${d === "postgres" ? "strpos" : "instr"}("eventTypes", $8) > 0${d === "postgres" ? " FOR KEY SHARE" : ""})`,
);

/**
 * emitEvent in a prepared transaction (lib/db/prepared.ts): the same event and message rows,
 * the endpoints from memory (./subscribers.ts); the worker is woken once the write commits.
 */
export function* emitEventPrepared(
  event: EmittedEvent,
): TransactionWork<{ eventId: string; messages: number }> {
  const row = eventRow(event);
  yield* execute(
    INSERT_EVENT(),
    EVENT_COLUMNS.map((column) => row[column]),
  );
  let messages = 0;
  for (const endpoint of yield* receivingEndpoints(event.environmentId)) {
    if (!endpoint.eventTypes.includes(event.type)) continue;
    const message = messageRow(endpoint.id, row);
    messages += yield* execute(INSERT_MESSAGE(), [
      ...MESSAGE_COLUMNS.map((column) => message[column]),
      JSON.stringify(event.type),
    ]);
  }
  if (messages > 0) yield* afterCommit(nudgeWebhookWorker);
  return { eventId: row.id, messages };
}

/** For callers outside a transaction (an event with no accompanying write). */
export function emitEventNow(event: Parameters<typeof emitEvent>[1]) {
  return emitEvent(db(), event);
}
