import "server-only";
import { randomBytes } from "node:crypto";
import { db, type Db } from "../db";
import type { EventPayload, EventType } from "./catalogue";
import { nudgeWebhookWorker } from "./delivery/nudge";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Sortable, unguessable ids: time first so ids of one stream sort by creation. */
export function streamId(prefix: "evt" | "msg"): string {
  return `${prefix}_${Date.now().toString(36).padStart(9, "0")}${randomBytes(10).toString("hex")}`;
}

/**
 * Records a domain event in the outbox and queues one webhook message per endpoint of the environment
 * that subscribes to its type (a paused endpoint's messages wait for it to be resumed; a disabled
 * endpoint gets none). Call it with the transaction client of the change that
 * caused the event, so the change and its event commit (or roll back) together.
 */
export async function emitEvent(
  tx: Tx | Db,
  event: { environmentId: number; type: EventType; data: Record<string, unknown>; at?: Date },
): Promise<{ eventId: string; messages: number }> {
  const at = event.at ?? new Date();
  const payload: EventPayload = { type: event.type, timestamp: at.toISOString(), data: event.data };
  const eventId = streamId("evt");
  await tx.event.create({
    data: {
      id: eventId,
      environmentId: event.environmentId,
      type: event.type,
      payload: JSON.stringify(payload),
      createdAt: at,
    },
  });
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { environmentId: event.environmentId, status: { in: ["enabled", "paused"] } },
    select: { id: true, eventTypes: true },
  });
  const subscribed = endpoints.filter((endpoint) => subscribes(endpoint.eventTypes, event.type));
  if (subscribed.length > 0) {
    await tx.webhookMessage.createMany({
      data: subscribed.map((endpoint) => ({
        id: streamId("msg"),
        endpointId: endpoint.id,
        eventId,
        eventType: event.type,
        status: "pending",
        nextAttemptAt: at,
        createdAt: at,
      })),
    });
    // This process's worker polls at once (and briefly fast, until the transaction commits).
    nudgeWebhookWorker();
  }
  return { eventId, messages: subscribed.length };
}

function subscribes(eventTypesJson: string, type: string): boolean {
  try {
    const types: unknown = JSON.parse(eventTypesJson);
    return Array.isArray(types) && types.includes(type);
  } catch {
    return false;
  }
}

/** For callers outside a transaction (an event with no accompanying write). */
export function emitEventNow(event: Parameters<typeof emitEvent>[1]) {
  return emitEvent(db(), event);
}
