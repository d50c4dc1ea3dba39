import "server-only";
import { recordAudit } from "../../audit";
import type { Actor } from "../../auth/actor";
import { sendWithStoredCredential, type CredentialSend } from "../../credentials";
import { createRedactor, type Redactor } from "../../credentials/redact";
import { randomBytes } from "node:crypto";
import { db, isPostgresUrl } from "../../db";
import {
  sendOutbound,
  type OutboundOptions,
  type OutboundRequest,
  type OutboundResult,
} from "../../outbound";
import { DISABLE_AFTER_MS, nextStep } from "./schedule";
import { signatureHeaders } from "./sign";

// One attempt of one message: the event's payload POSTed to the endpoint, signed (Standard
// Webhooks), through the guarded outbound client — with the endpoint's saved credential applied
// through the credential use path when it has one — then recorded: the attempt, the message's
// next state, the endpoint's last delivery.

export const DELIVERY_TIMEOUT_MS = 15_000;
export const USER_AGENT = "Workbench-Webhooks/1.0";
const RESPONSE_EXCERPT_CHARS = 1000;
const MAX_RESPONSE_BYTES = 64 * 1024;

/** What a delivery needs of a claimed message (loaded by claim.ts). */
export type MessageForDelivery = {
  id: string;
  status: string;
  attemptCount: number;
  leaseOwner: string | null;
  event: { payload: string };
  endpoint: {
    id: string;
    name: string;
    url: string;
    status: string;
    secret: string;
    previousSecret: string | null;
    previousSecretExpiresAt: Date | null;
    credentialId: string | null;
    environmentId: number;
    failingSince: Date | null;
    environment: { organisationId: string };
  };
};

export type AttemptResult = {
  at: Date;
  ok: boolean;
  httpStatus: number | null;
  retryAfter?: string;
  error: string | null;
  durationMs: number;
  request: string;
  responseExcerpt: string | null;
};

/** Outbound options of a delivery: a redirect is an answer (a failure), never followed. */
export type DeliverySend = (request: OutboundRequest, options?: OutboundOptions) => Promise<OutboundResult>;
const defaultSend: DeliverySend = (request, options) => sendOutbound(request, options);

// The signature is derived from the signing secret: shown as redacted like any credential header.
const SIGNATURE_HEADERS = ["webhook-signature"];

function requestJson(
  request: { method: string; url: string; headers: Record<string, string> },
  scrub: Redactor,
) {
  return JSON.stringify({
    method: request.method,
    url: scrub.url(request.url),
    headers: scrub.headers(request.headers, SIGNATURE_HEADERS),
  });
}

function statusError(status: number, statusText: string): string | null {
  if (status >= 200 && status < 300) return null;
  const answered = `The endpoint answered ${status}${statusText ? ` ${statusText}` : ""}`;
  if (status >= 300 && status < 400)
    return `${answered}: a redirect is not followed, a delivery needs a 2xx answer.`;
  return `${answered}; a delivery needs a 2xx answer.`;
}

function excerpt(body: Buffer, scrub: Redactor): string | null {
  if (body.length === 0) return null;
  return scrub.text(body.toString("utf8").slice(0, RESPONSE_EXCERPT_CHARS));
}

/** What sent the request, as "Last used" shows it on the credential. */
export function endpointUser(endpoint: { name: string }) {
  return { type: "integration" as const, label: `Webhook endpoint "${endpoint.name}"` };
}

/** Sends one attempt; never throws. */
export async function attemptDelivery(
  message: MessageForDelivery,
  options: { send?: DeliverySend; now?: () => Date } = {},
): Promise<AttemptResult> {
  const send = options.send ?? defaultSend;
  const { endpoint } = message;
  const at = (options.now ?? (() => new Date()))();
  const started = performance.now();
  const plain = createRedactor([]);
  const elapsed = () => Math.round(performance.now() - started);
  let headers: Record<string, string>;
  try {
    headers = {
      "content-type": "application/json",
      "user-agent": USER_AGENT,
      ...signatureHeaders(endpoint, message.id, message.event.payload, at),
    };
  } catch (error) {
    // A signing secret that cannot be decrypted (wrong master key): nothing is sent.
    return {
      at,
      ok: false,
      httpStatus: null,
      error: `Not sent: ${(error as Error).message}`,
      durationMs: elapsed(),
      request: requestJson({ method: "POST", url: endpoint.url, headers: {} }, plain),
      responseExcerpt: null,
    };
  }
  const request = { method: "POST", url: endpoint.url, headers, body: message.event.payload };
  const noRedirects: DeliverySend = (req, opts) =>
    send(req, { ...opts, followRedirects: false, maxResponseBytes: MAX_RESPONSE_BYTES });

  if (endpoint.credentialId) {
    const actor: Actor = {
      type: "system",
      organisationId: endpoint.environment.organisationId,
      label: endpointUser(endpoint).label,
    };
    let result: CredentialSend;
    try {
      ({ result } = await sendWithStoredCredential(actor, endpoint.credentialId, request, {
        environmentId: endpoint.environmentId,
        by: endpointUser(endpoint),
        timeoutMs: DELIVERY_TIMEOUT_MS,
        deps: { send: noRedirects },
      }));
    } catch (error) {
      // The credential is gone (deleting one in use is refused, so only a race gets here).
      result = { ok: false, kind: "credential", message: (error as Error).message };
    }
    const shown = result.sent ?? { method: "POST", url: endpoint.url, headers };
    if (!result.ok)
      return {
        at,
        ok: false,
        httpStatus: null,
        // A refused destination says itself that nothing was sent.
        error: result.sent || result.kind === "destination" ? result.message : `Not sent: ${result.message}`,
        durationMs: elapsed(),
        request: requestJson(shown, plain),
        responseExcerpt: null,
      };
    const { response, scrub } = result;
    const error = statusError(response.status, response.statusText);
    return {
      at,
      ok: error === null,
      httpStatus: response.status,
      retryAfter: response.headers["retry-after"],
      error,
      durationMs: elapsed(),
      request: requestJson(shown, scrub),
      responseExcerpt: excerpt(response.body, scrub),
    };
  }

  const sent = await noRedirects(request, { totalTimeoutMs: DELIVERY_TIMEOUT_MS });
  if (!sent.ok)
    return {
      at,
      ok: false,
      httpStatus: null,
      error: sent.error.message,
      durationMs: elapsed(),
      request: requestJson(request, plain),
      responseExcerpt: null,
    };
  const error = statusError(sent.response.status, sent.response.statusText);
  return {
    at,
    ok: error === null,
    httpStatus: sent.response.status,
    retryAfter: sent.response.headers["retry-after"],
    error,
    durationMs: elapsed(),
    request: requestJson(request, plain),
    responseExcerpt: excerpt(sent.response.body, plain),
  };
}

export type RecordedOutcome = "succeeded" | "retry" | "failed";

/** An attempt made, to be recorded with what it means for its message. */
export type Completion = {
  message: MessageForDelivery;
  result: AttemptResult;
  outcome: RecordedOutcome;
  nextAttemptAt: Date | null;
  trigger: "scheduled" | "manual" | "test";
};

/**
 * Succeeded, due again after the schedule's next delay (counted from the end of the failed
 * attempt, as Svix counts it), or failed when the schedule is used up.
 */
export function completionOf(
  message: MessageForDelivery,
  result: AttemptResult,
  schedule: readonly number[],
  trigger: Completion["trigger"] = "scheduled",
): Completion {
  if (result.ok) return { message, result, outcome: "succeeded", nextAttemptAt: null, trigger };
  const ended = new Date(result.at.getTime() + result.durationMs);
  const step = nextStep(
    schedule,
    message.attemptCount + 1,
    { status: result.httpStatus, retryAfter: result.retryAfter },
    ended,
  );
  return step.kind === "retry"
    ? {
        message,
        result,
        outcome: "retry",
        nextAttemptAt: new Date(ended.getTime() + step.delayMs),
        trigger,
      }
    : { message, result, outcome: "failed", nextAttemptAt: null, trigger };
}

/** An endpoint's delivery statistics after a batch of its attempts (in time order). */
function endpointStats(completions: Completion[]) {
  const sorted = [...completions].sort((a, b) => a.result.at.getTime() - b.result.at.getTime());
  const last = sorted[sorted.length - 1].result;
  const lastSuccess = sorted.findLastIndex((c) => c.result.ok);
  const firstFailureAfter = sorted.slice(lastSuccess + 1).find((c) => !c.result.ok)?.result.at ?? null;
  // failingSince: cleared by a success; otherwise the first failure of the current run, which
  // began before this batch unless the batch itself holds a success.
  return { at: last.at, ok: last.ok, firstFailureAfter, runStartsHere: lastSuccess >= 0 };
}

// The statements of recordAttempts, with `?` placeholders (numbered for PostgreSQL when run).
// Delivery statistics are not an edit of the endpoint: its updatedAt stays.
const ENDPOINT_DELIVERED = `UPDATE "webhook_endpoint" SET "lastDeliveryAt" = ?, "lastDeliveryOk" = true,
  "failingSince" = NULL WHERE "id" = ?`;
const ENDPOINT_FAILING_FROM = `UPDATE "webhook_endpoint" SET "lastDeliveryAt" = ?, "lastDeliveryOk" = false,
  "failingSince" = ? WHERE "id" = ?`;
const ENDPOINT_STILL_FAILING = `UPDATE "webhook_endpoint" SET "lastDeliveryAt" = ?, "lastDeliveryOk" = false,
  "failingSince" = COALESCE("failingSince", ?) WHERE "id" = ?`;
const MESSAGE_MOVED_ON = `UPDATE "webhook_message" SET "status" = ?, "attemptCount" = "attemptCount" + 1,
  "nextAttemptAt" = ?, "lastAttemptAt" = ?, "leaseOwner" = NULL, "leaseUntil" = NULL
  WHERE "id" = ? AND "leaseOwner" = ?`;
const marks = (count: number) => Array.from({ length: count }, () => "?").join(", ");

/**
 * Records attempts — one transaction for a whole batch, so a busy worker commits once per batch
 * rather than once per delivery — and moves each message on. Then each endpoint's last delivery,
 * and an endpoint is disabled when every delivery has failed for 5 days. `owner` is the worker's
 * lease: a message is changed only while the worker still holds it.
 *
 * The rows are locked in the order an endpoint's delete locks them — the endpoints first (in id
 * order, the same in every worker), then their messages — so on PostgreSQL a delete and a
 * recording wait for each other rather than in a cycle (which the database ends by aborting one
 * of them as a deadlock). Once the endpoints are held no delete can take their messages before
 * this commits; a message deleted already (with its endpoint, during the delivery) gets no
 * attempt, and a foreign key does not fail the whole batch, other endpoints' attempts included.
 * Raw SQL in Prisma's transaction (the engine's hot path: Prisma's model queries cost several
 * times more CPU per statement); the group commit of lib/db/prepared.ts measured slower here on
 * SQLite (bench:webhooks, commit to first attempt p50 7–16 ms against 3–4 ms).
 */
export async function recordAttempts(completions: Completion[], owner: string): Promise<void> {
  if (completions.length === 0) return;
  const byEndpoint = new Map<string, Completion[]>();
  for (const c of completions)
    byEndpoint.set(c.message.endpoint.id, [...(byEndpoint.get(c.message.endpoint.id) ?? []), c]);
  const endpointIds = [...byEndpoint.keys()].sort();
  const succeeded = completions.filter((c) => c.outcome === "succeeded");
  const latest = (list: Completion[]) => new Date(Math.max(...list.map((c) => c.result.at.getTime())));
  const messageIds = [...new Set(completions.map((c) => c.message.id))];
  const postgres = isPostgresUrl();
  await db().$transaction(
    async (tx) => {
      const numbered = (sql: string) => {
        let n = 0;
        return postgres ? sql.replace(/\?/g, () => `$${++n}`) : sql;
      };
      const execute = (sql: string, values: unknown[]) => tx.$executeRawUnsafe(numbered(sql), ...values);
      for (const id of endpointIds) {
        const stats = endpointStats(byEndpoint.get(id)!);
        if (stats.ok) await execute(ENDPOINT_DELIVERED, [stats.at, id]);
        else
          await execute(stats.runStartsHere ? ENDPOINT_FAILING_FROM : ENDPOINT_STILL_FAILING, [
            stats.at,
            stats.firstFailureAfter,
            id,
          ]);
      }
      if (succeeded.length)
        await execute(
          `UPDATE "webhook_message" SET "status" = 'succeeded', "attemptCount" = "attemptCount" + 1,
             "nextAttemptAt" = NULL, "lastAttemptAt" = ?, "leaseOwner" = NULL, "leaseUntil" = NULL
           WHERE "leaseOwner" = ? AND "id" IN (${marks(succeeded.length)})`,
          [latest(succeeded), owner, ...succeeded.map((c) => c.message.id)],
        );
      for (const c of completions)
        if (c.outcome !== "succeeded")
          await execute(MESSAGE_MOVED_ON, [
            c.outcome === "retry" ? "pending" : "failed",
            c.nextAttemptAt,
            c.result.at,
            c.message.id,
            owner,
          ]);
      const existing = new Set(
        (
          await tx.$queryRawUnsafe<{ id: string }[]>(
            numbered(`SELECT "id" FROM "webhook_message" WHERE "id" IN (${marks(messageIds.length)})`),
            ...messageIds,
          )
        ).map((row) => row.id),
      );
      const recorded = completions.filter((c) => existing.has(c.message.id));
      if (recorded.length)
        await execute(
          `INSERT INTO "webhook_attempt" ("id", "messageId", "endpointId", "trigger", "ok", "httpStatus",
             "error", "durationMs", "request", "responseExcerpt", "createdAt")
           VALUES ${recorded.map(() => `(${marks(11)})`).join(", ")}`,
          recorded.flatMap(({ message, result, trigger }) => [
            attemptId(),
            message.id,
            message.endpoint.id,
            trigger,
            result.ok,
            result.httpStatus,
            result.error?.slice(0, 1000) ?? null,
            result.durationMs,
            result.request,
            result.responseExcerpt,
            result.at,
          ]),
        );
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  for (const list of byEndpoint.values()) {
    const stats = endpointStats(list);
    if (!stats.ok) await disableIfFailingTooLong(list[0].message.endpoint, stats.at);
  }
}

function attemptId(): string {
  return `att_${Date.now().toString(36).padStart(9, "0")}${randomBytes(8).toString("hex")}`;
}

/** Every delivery to the endpoint has failed for 5 days: disabled, with an audit entry. */
export async function disableIfFailingTooLong(
  endpoint: MessageForDelivery["endpoint"],
  now: Date,
): Promise<boolean> {
  const cutoff = new Date(now.getTime() - DISABLE_AFTER_MS);
  // The row read at claim time says whether it can be due: most failures stop here.
  if (endpoint.status !== "enabled" || !endpoint.failingSince || endpoint.failingSince > cutoff) return false;
  const since = endpoint.failingSince.toISOString().slice(0, 16).replace("T", " ");
  const reason = `Every delivery has failed since ${since} UTC (5 days): disabled automatically. Fix the endpoint, then enable it again.`;
  const client = db();
  const disabled = await client.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { id: endpoint.id, status: "enabled", failingSince: { lte: cutoff } },
      data: {
        status: "disabled",
        disabledReason: reason,
        version: { increment: 1 },
        updatedById: null,
        updatedByLabel: "Webhook delivery",
      },
    });
    if (count === 1)
      await recordAudit(
        { type: "system", organisationId: endpoint.environment.organisationId, label: "Webhook delivery" },
        {
          action: "webhook_endpoint.disable",
          environmentId: endpoint.environmentId,
          target: { type: "webhook_endpoint", id: endpoint.id, label: endpoint.name },
          details: { reason, failingSince: endpoint.failingSince?.toISOString() },
        },
        tx,
      );
    return count === 1;
  });
  return disabled;
}
