// Webhook endpoints made directly in the database (as the management service stores them: the
// signing secret sealed under the master key), and events emitted the way domain code emits them.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { emitEventNow, streamId } from "@/lib/webhooks/emit";
import type { EventType } from "@/lib/webhooks/catalogue";
import { newSigningSecret, sealSigningSecret } from "@/lib/webhooks/signing-secret";
import { forgetReceivingEndpoints } from "@/lib/webhooks/subscribers";

export type TestEndpoint = { id: string; secret: string; name: string };

export async function createEndpoint(
  environmentId: number,
  url: string,
  options: {
    name?: string;
    eventTypes?: EventType[];
    credentialId?: string;
    status?: "enabled" | "paused" | "disabled";
    previousSecret?: { secret: string; expiresAt: Date };
  } = {},
): Promise<TestEndpoint> {
  const id = `we_${randomUUID()}`;
  const name = options.name ?? `endpoint ${id.slice(3, 11)}`;
  const secret = newSigningSecret();
  await db().webhookEndpoint.create({
    data: {
      id,
      environmentId,
      name,
      url,
      eventTypes: JSON.stringify(options.eventTypes ?? ["card.created"]),
      credentialId: options.credentialId ?? null,
      status: options.status ?? "enabled",
      secret: sealSigningSecret(secret, { id, name }),
      previousSecret: options.previousSecret
        ? sealSigningSecret(options.previousSecret.secret, { id, name }, "previousSecret")
        : null,
      previousSecretExpiresAt: options.previousSecret?.expiresAt ?? null,
      createdByLabel: "integration tests",
      updatedByLabel: "integration tests",
    },
  });
  // Written behind the service's back: the API's writes must not keep the environment's
  // endpoints from before it in memory (lib/webhooks/subscribers.ts).
  forgetReceivingEndpoints(environmentId);
  return { id, secret, name };
}

/** Emits `count` card.created events; returns their message ids in order. */
export async function emitCards(environmentId: number, count = 1, from = 0): Promise<string[]> {
  const ids: string[] = [];
  for (let i = from; i < from + count; i++) {
    const { eventId } = await emitEventNow({
      environmentId,
      type: "card.created",
      data: { id: `card_${i}`, title: `Card ${i}` },
    });
    const messages = await db().webhookMessage.findMany({ where: { eventId }, select: { id: true } });
    ids.push(...messages.map((m) => m.id));
  }
  return ids;
}

export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export function messageState(id: string) {
  return db().webhookMessage.findUniqueOrThrow({
    where: { id },
    select: {
      status: true,
      attemptCount: true,
      nextAttemptAt: true,
      leaseOwner: true,
      attempts: { orderBy: { createdAt: "asc" } },
    },
  });
}

/**
 * Queues `count` card.created events for one endpoint in bulk (rows as emitEvent writes them),
 * for tests about delivering many: emitting them one by one would dominate their run time.
 */
export async function queueEvents(environmentId: number, endpointId: string, count: number): Promise<void> {
  const at = new Date();
  for (let from = 0; from < count; from += 500) {
    const events = Array.from({ length: Math.min(500, count - from) }, (_, i) => {
      const id = streamId("evt");
      const data = { id: `card_${from + i}`, title: `Card ${from + i}` };
      return { id, payload: JSON.stringify({ type: "card.created", timestamp: at.toISOString(), data }) };
    });
    await db().$transaction([
      db().event.createMany({
        data: events.map((e) => ({ ...e, environmentId, type: "card.created", createdAt: at })),
      }),
      db().webhookMessage.createMany({
        data: events.map((e) => ({
          id: streamId("msg"),
          endpointId,
          eventId: e.id,
          eventType: "card.created",
          status: "pending",
          nextAttemptAt: at,
          createdAt: at,
        })),
      }),
    ]);
  }
}

/**
 * Deletes the endpoint in a transaction left open — holding the endpoint and the messages the
 * delete cascades to, as a console delete does while it runs — until `commit` is called.
 */
export async function holdEndpointDelete(endpointId: string): Promise<{ commit: () => Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let deleting!: Promise<void>;
  await new Promise<void>((holding) => {
    deleting = db().$transaction(
      async (tx) => {
        await tx.webhookEndpoint.delete({ where: { id: endpointId } });
        holding();
        await released;
      },
      { timeout: 20_000 },
    );
  });
  return {
    commit: () => {
      release();
      return deleting;
    },
  };
}
