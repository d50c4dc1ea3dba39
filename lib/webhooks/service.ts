import "server-only";
import { randomBytes } from "node:crypto";
import { changingEndpoints } from "./subscribers";
import { recordAudit } from "../audit";
import { assertActorCan, type Access } from "../auth/access";
import { actorId, type Actor } from "../auth/actor";
import { admitFor, storedDestinations } from "../credentials/destinations";
import { db, onUniqueViolation, type Db } from "../db";
import { assertEnvironment, ownedWhere } from "../organisations/access";
import { DomainError, parseInput } from "../result";
import { TEST_EVENT_TYPE, type EventPayload } from "./catalogue";
import { deliverNow } from "./delivery";
import { streamId } from "./emit";
import {
  createEndpointInput,
  deleteEndpointInput,
  endpointIdOnly,
  listEndpointsInput,
  listMessagesInput,
  replayFailedInput,
  resendMessageInput,
  setEndpointStatusInput,
  updateEndpointInput,
  type CreateEndpointInput,
  type ListMessagesInput,
  type UpdateEndpointInput,
} from "./schemas";
import { newSigningSecret, openSigningSecret, sealSigningSecret } from "./signing-secret";

/** After a rotation the previous secret still signs (a second signature) for this long. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 60 * 60 * 1000;
import {
  ENDPOINT_SELECT,
  endpointView,
  MESSAGE_SELECT,
  messageView,
  type EndpointListItem,
  type EndpointView,
  type MessageView,
} from "./views";

// Managing webhook endpoints: every function checks the actor's right (the `webhooks` resource),
// keeps it inside its tenant (ownedWhere / assertEnvironment) and writes an audit entry in the
// change's transaction. Delivery itself is the engine's (./delivery): it sends what is pending.

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export const ENDPOINT_NOT_FOUND = "Webhook endpoint not found.";
/** Endpoints per environment (Stripe allows 16 per account): every list is one complete page. */
export const MAX_ENDPOINTS_PER_ENVIRONMENT = 50;
export const MESSAGE_NOT_FOUND = "Message not found.";

function assertWebhookAccess(actor: Actor, access: Access): void {
  assertActorCan(actor, "webhooks", access);
}

function nameTaken(): DomainError {
  return new DomainError("An endpoint with this name already exists in this environment.", "conflict", {
    name: "This name is already used in this environment.",
  });
}

function target(endpoint: { id: string; name: string }) {
  return { type: "webhook_endpoint", id: endpoint.id, label: endpoint.name };
}

async function findEndpoint(actor: Actor, id: string) {
  const row = await db().webhookEndpoint.findFirst({
    where: { id, ...ownedWhere(actor) },
    select: ENDPOINT_SELECT,
  });
  if (!row) throw new DomainError(ENDPOINT_NOT_FOUND, "not_found");
  return row;
}

/**
 * The credential an endpoint uses must be one of its environment's, and may be sent to the
 * endpoint's URL (its allowed destinations), or every delivery would be refused.
 */
async function assertUsableCredential(
  environmentId: number,
  credentialId: string,
  url: string,
  field = "credentialId",
): Promise<void> {
  const credential = await db().credential.findFirst({
    where: { id: credentialId, environmentId },
    select: { name: true, type: true, config: true, allowedDestinations: true },
  });
  if (!credential)
    throw new DomainError("Choose a credential of this environment.", "invalid", {
      [field]: "Unknown credential in this environment.",
    });
  const verdict = admitFor(credential.name, storedDestinations(credential))(url);
  if (!verdict.allowed)
    throw new DomainError(verdict.message, "invalid", {
      url: `${verdict.message} Add this URL to the credential's allowed destinations, or choose another credential.`,
    });
}

// ---- reading ------------------------------------------------------------------------------

export type EndpointPage = { items: EndpointListItem[]; total: number; page: number; pageSize: number };

export async function listEndpoints(
  actor: Actor,
  input: { environmentId: number; page?: number; pageSize?: number },
): Promise<EndpointPage> {
  const { environmentId, page = 1, pageSize = 25 } = parseInput(listEndpointsInput, input);
  assertWebhookAccess(actor, "view");
  await assertEnvironment(actor, environmentId);
  const where = { environmentId };
  const [rows, total] = await Promise.all([
    db().webhookEndpoint.findMany({
      where,
      select: ENDPOINT_SELECT,
      orderBy: [{ name: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    db().webhookEndpoint.count({ where }),
  ]);
  const since = new Date(Date.now() - 24 * 60 * 60 * 1000);
  const counts = rows.length
    ? await db().webhookAttempt.groupBy({
        by: ["endpointId", "ok"],
        where: { endpointId: { in: rows.map((row) => row.id) }, createdAt: { gte: since } },
        _count: { _all: true },
      })
    : [];
  const items = rows.map((row) => {
    const mine = counts.filter((count) => count.endpointId === row.id);
    return {
      ...endpointView(row),
      attempts24h: mine.reduce((sum, count) => sum + count._count._all, 0),
      succeeded24h: mine.filter((count) => count.ok).reduce((sum, count) => sum + count._count._all, 0),
    };
  });
  return { items, total, page, pageSize };
}

export async function getEndpoint(actor: Actor, id: string): Promise<EndpointView> {
  assertWebhookAccess(actor, "view");
  return endpointView(await findEndpoint(actor, id));
}

export type MessagePage = { data: MessageView[]; nextCursor: string | null };

/** An endpoint's messages, newest first, each with every attempt; `status` filters (e.g. failed). */
export async function listMessages(actor: Actor, input: ListMessagesInput): Promise<MessagePage> {
  const { id, status, limit, cursor } = parseInput(listMessagesInput, input);
  assertWebhookAccess(actor, "view");
  await findEndpoint(actor, id);
  const where = { endpointId: id, ...(status ? { status } : {}) };
  if (cursor) {
    const exists = await db().webhookMessage.findFirst({ where: { id: cursor, endpointId: id } });
    if (!exists) throw new DomainError("Unknown cursor", "invalid", { cursor: "Unknown cursor" });
  }
  const rows = await db().webhookMessage.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    select: MESSAGE_SELECT,
  });
  const page = rows.slice(0, limit);
  return {
    data: page.map(messageView),
    nextCursor: rows.length > limit ? page[page.length - 1].id : null,
  };
}

// ---- changing -----------------------------------------------------------------------------

export type EndpointWithSecret = { endpoint: EndpointView; secret: string };

export async function createEndpoint(actor: Actor, input: CreateEndpointInput): Promise<EndpointWithSecret> {
  const { environmentId, endpoint: values } = parseInput(createEndpointInput, input);
  assertWebhookAccess(actor, "edit");
  await assertEnvironment(actor, environmentId);
  const credentialId = values.credentialId || null;
  if (credentialId) await assertUsableCredential(environmentId, credentialId, values.url);
  const id = `we_${randomBytes(12).toString("hex")}`;
  const secret = newSigningSecret();
  return onUniqueViolation(async () => {
    const row = await changingEndpoints(environmentId, () =>
      db().$transaction(async (tx) => {
        const created = await tx.webhookEndpoint.create({
          data: {
            id,
            environmentId,
            name: values.name,
            url: values.url,
            description: values.description || null,
            eventTypes: JSON.stringify(values.eventTypes),
            credentialId,
            secret: sealSigningSecret(secret, { id, name: values.name }),
            createdById: actorId(actor),
            createdByLabel: actor.label,
            updatedById: actorId(actor),
            updatedByLabel: actor.label,
          },
          select: ENDPOINT_SELECT,
        });
        // Counted after the insert, in its transaction: a create that would pass the limit rolls back.
        if ((await tx.webhookEndpoint.count({ where: { environmentId } })) > MAX_ENDPOINTS_PER_ENVIRONMENT) {
          throw new DomainError(
            `An environment can have at most ${MAX_ENDPOINTS_PER_ENVIRONMENT} webhook endpoints. Delete one you no longer use, or subscribe an existing endpoint to more event types.`,
            "conflict",
          );
        }
        await recordAudit(
          actor,
          {
            action: "webhook_endpoint.create",
            environmentId,
            target: target(created),
            details: {
              url: values.url,
              eventTypes: values.eventTypes,
              credential: created.credential?.name ?? null,
            },
          },
          tx,
        );
        return created;
      }),
    );
    return { endpoint: endpointView(row), secret };
  }, nameTaken);
}

function stale(): DomainError {
  return new DomainError(
    "Someone else changed this endpoint since you opened it. Reload to see their changes.",
    "conflict",
  );
}

/** A partial update, refused when `expectedVersion` is not the stored version any more. */
export async function updateEndpoint(actor: Actor, input: UpdateEndpointInput): Promise<EndpointView> {
  const { id, expectedVersion, endpoint: values } = parseInput(updateEndpointInput, input);
  assertWebhookAccess(actor, "edit");
  const current = await findEndpoint(actor, id);
  if (expectedVersion !== undefined && expectedVersion !== current.version) throw stale();
  const url = values.url ?? current.url;
  const credentialId = values.credentialId === undefined ? current.credentialId : values.credentialId || null;
  if (credentialId && (credentialId !== current.credentialId || url !== current.url))
    await assertUsableCredential(current.environmentId, credentialId, url);
  const data = {
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(values.url !== undefined ? { url: values.url } : {}),
    ...(values.eventTypes !== undefined ? { eventTypes: JSON.stringify(values.eventTypes) } : {}),
    ...(values.credentialId !== undefined ? { credentialId } : {}),
    ...(values.description !== undefined ? { description: values.description || null } : {}),
  };
  const before = endpointView(current);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  if (values.name !== undefined && values.name !== before.name)
    changes.name = { from: before.name, to: values.name };
  if (values.url !== undefined && values.url !== before.url)
    changes.url = { from: before.url, to: values.url };
  if (
    values.eventTypes !== undefined &&
    JSON.stringify(values.eventTypes) !== JSON.stringify(before.eventTypes)
  )
    changes.eventTypes = { from: before.eventTypes, to: values.eventTypes };
  if (values.credentialId !== undefined && credentialId !== before.credentialId)
    changes.credential = { from: before.credentialId, to: credentialId };
  if (values.description !== undefined && (values.description || null) !== before.description)
    changes.description = { from: before.description, to: values.description || null };
  return onUniqueViolation(async () => {
    const row = await changingEndpoints(current.environmentId, () =>
      db().$transaction(async (tx) => {
        const { count } = await tx.webhookEndpoint.updateMany({
          where: { id, version: current.version },
          data: {
            ...data,
            version: current.version + 1,
            updatedById: actorId(actor),
            updatedByLabel: actor.label,
          },
        });
        if (count !== 1) throw stale();
        const updated = await tx.webhookEndpoint.findUniqueOrThrow({
          where: { id },
          select: ENDPOINT_SELECT,
        });
        await recordAudit(
          actor,
          {
            action: "webhook_endpoint.update",
            environmentId: current.environmentId,
            target: target(updated),
            details: { version: updated.version, ...changes },
          },
          tx,
        );
        return updated;
      }),
    );
    return endpointView(row);
  }, nameTaken);
}

/** Pause (messages queue and wait) or resume (also re-enables an endpoint disabled by failures). */
export async function setEndpointStatus(
  actor: Actor,
  input: { id: string; status: "enabled" | "paused" },
): Promise<EndpointView> {
  const { id, status } = parseInput(setEndpointStatusInput, input);
  assertWebhookAccess(actor, "edit");
  const current = await findEndpoint(actor, id);
  if (current.status === status) return endpointView(current);
  const row = await changingEndpoints(current.environmentId, () =>
    db().$transaction(async (tx) => {
      const updated = await tx.webhookEndpoint.update({
        where: { id },
        data: {
          status,
          version: { increment: 1 },
          updatedById: actorId(actor),
          updatedByLabel: actor.label,
          ...(status === "enabled" ? { disabledReason: null, failingSince: null } : {}),
        },
        select: ENDPOINT_SELECT,
      });
      await recordAudit(
        actor,
        {
          action: status === "paused" ? "webhook_endpoint.pause" : "webhook_endpoint.resume",
          environmentId: current.environmentId,
          target: target(updated),
          details: { status: { from: current.status, to: status } },
        },
        tx,
      );
      return updated;
    }),
  );
  return endpointView(row);
}

/** Deletes an endpoint and its delivery history; `confirmName` (the console's typed name) must match. */
export async function deleteEndpoint(
  actor: Actor,
  input: { id: string; confirmName?: string },
): Promise<{ id: string; name: string }> {
  const { id, confirmName } = parseInput(deleteEndpointInput, input);
  assertWebhookAccess(actor, "edit");
  const current = await findEndpoint(actor, id);
  if (confirmName !== undefined && confirmName !== current.name)
    throw new DomainError(`Type "${current.name}" to confirm.`, "invalid", {
      confirmName: "The name does not match.",
    });
  await changingEndpoints(current.environmentId, () =>
    db().$transaction(async (tx) => {
      const { count } = await tx.webhookEndpoint.deleteMany({ where: { id } });
      if (count === 0) throw new DomainError(ENDPOINT_NOT_FOUND, "not_found");
      await recordAudit(
        actor,
        {
          action: "webhook_endpoint.delete",
          environmentId: current.environmentId,
          target: target(current),
          details: { url: current.url },
        },
        tx,
      );
    }),
  );
  return { id, name: current.name };
}

/** A new signing secret; the previous one keeps signing (a second signature) for 24 hours. */
export async function rotateEndpointSecret(actor: Actor, input: { id: string }): Promise<EndpointWithSecret> {
  const { id } = parseInput(endpointIdOnly, input);
  assertWebhookAccess(actor, "edit");
  const current = await findEndpoint(actor, id);
  const secret = newSigningSecret();
  const row = await db().$transaction(async (tx) => {
    const stored = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id }, select: { secret: true } });
    const previous = openSigningSecret(stored.secret, current);
    const expires = new Date(Date.now() + PREVIOUS_SECRET_GRACE_MS);
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { id, secret: stored.secret },
      data: {
        secret: sealSigningSecret(secret, current),
        previousSecret: sealSigningSecret(previous, current, "previousSecret"),
        previousSecretExpiresAt: expires,
        version: { increment: 1 },
        updatedById: actorId(actor),
        updatedByLabel: actor.label,
      },
    });
    if (count !== 1)
      throw new DomainError("The secret is being rotated by someone else; try again.", "conflict");
    const updated = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id }, select: ENDPOINT_SELECT });
    await recordAudit(
      actor,
      {
        action: "webhook_endpoint.rotate_secret",
        environmentId: current.environmentId,
        target: target(updated),
        details: { previousSignsUntil: expires.toISOString() },
      },
      tx,
    );
    return updated;
  });
  return { endpoint: endpointView(row), secret };
}

async function requeue(tx: Tx, where: object, now: Date): Promise<number> {
  // A message leased right now is being delivered: left alone, so no attempt is sent twice.
  const { count } = await tx.webhookMessage.updateMany({
    where: { ...where, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { status: "pending", nextAttemptAt: now, leaseOwner: null, leaseUntil: null },
  });
  return count;
}

/** Sends one message again, keeping its id (the `webhook-id` the receiver deduplicates on). */
export async function resendMessage(
  actor: Actor,
  input: { id: string; messageId: string },
): Promise<MessageView> {
  const { id, messageId } = parseInput(resendMessageInput, input);
  assertWebhookAccess(actor, "edit");
  const endpoint = await findEndpoint(actor, id);
  const message = await db().webhookMessage.findFirst({
    where: { id: messageId, endpointId: id },
    select: { id: true, eventType: true, status: true },
  });
  if (!message) throw new DomainError(MESSAGE_NOT_FOUND, "not_found");
  const row = await db().$transaction(async (tx) => {
    const count = await requeue(tx, { id: messageId }, new Date());
    if (count !== 1)
      throw new DomainError("This message is being delivered right now; try again in a moment.", "conflict");
    await recordAudit(
      actor,
      {
        action: "webhook_endpoint.resend",
        environmentId: endpoint.environmentId,
        target: target(endpoint),
        details: { message: messageId, eventType: message.eventType, previousStatus: message.status },
      },
      tx,
    );
    return tx.webhookMessage.findUniqueOrThrow({ where: { id: messageId }, select: MESSAGE_SELECT });
  });
  return (await attemptAtOnce(endpoint.status, messageId, "manual")) ?? messageView(row);
}

/**
 * On an enabled endpoint, Resend and Send test event make their attempt at once (recorded with
 * its trigger), so the answer says how it went; a paused endpoint's message waits. A failure is
 * retried on the schedule; if a worker holds the message right now, the worker sends it.
 */
async function attemptAtOnce(
  status: string,
  messageId: string,
  trigger: "manual" | "test",
): Promise<MessageView | null> {
  if (status !== "enabled") return null;
  const attempted = await deliverNow(messageId, trigger);
  if (!attempted) return null;
  return messageView(
    await db().webhookMessage.findUniqueOrThrow({ where: { id: messageId }, select: MESSAGE_SELECT }),
  );
}

/** Queues again every failed message of the endpoint created since `since`. */
export async function replayFailed(
  actor: Actor,
  input: { id: string; since: Date | string },
): Promise<{ count: number }> {
  const { id, since } = parseInput(replayFailedInput, input);
  assertWebhookAccess(actor, "edit");
  const endpoint = await findEndpoint(actor, id);
  const count = await db().$transaction(async (tx) => {
    const queued = await requeue(
      tx,
      { endpointId: id, status: "failed", createdAt: { gte: since } },
      new Date(),
    );
    await recordAudit(
      actor,
      {
        action: "webhook_endpoint.replay",
        environmentId: endpoint.environmentId,
        target: target(endpoint),
        details: { since: since.toISOString(), messages: queued },
      },
      tx,
    );
    return queued;
  });
  return { count };
}

/** A `webhook.test` event for this endpoint only, delivered like any other (queued while paused). */
export async function sendTestEvent(actor: Actor, input: { id: string }): Promise<MessageView> {
  const { id } = parseInput(endpointIdOnly, input);
  assertWebhookAccess(actor, "edit");
  const endpoint = await findEndpoint(actor, id);
  if (endpoint.status === "disabled")
    throw new DomainError("This endpoint is disabled. Resume it before sending a test event.", "conflict");
  const at = new Date();
  const payload: EventPayload = {
    type: TEST_EVENT_TYPE,
    timestamp: at.toISOString(),
    data: {
      endpointId: endpoint.id,
      endpointName: endpoint.name,
      message: "A test event sent from Workbench.",
    },
  };
  const eventId = streamId("evt");
  const messageId = streamId("msg");
  const row = await db().$transaction(async (tx) => {
    await tx.event.create({
      data: {
        id: eventId,
        environmentId: endpoint.environmentId,
        type: TEST_EVENT_TYPE,
        payload: JSON.stringify(payload),
        createdAt: at,
      },
    });
    await tx.webhookMessage.create({
      data: {
        id: messageId,
        endpointId: id,
        eventId,
        eventType: TEST_EVENT_TYPE,
        status: "pending",
        nextAttemptAt: at,
        createdAt: at,
      },
    });
    await recordAudit(
      actor,
      {
        action: "webhook_endpoint.test",
        environmentId: endpoint.environmentId,
        target: target(endpoint),
        details: { message: messageId },
      },
      tx,
    );
    return tx.webhookMessage.findUniqueOrThrow({ where: { id: messageId }, select: MESSAGE_SELECT });
  });
  return (await attemptAtOnce(endpoint.status, messageId, "test")) ?? messageView(row);
}
