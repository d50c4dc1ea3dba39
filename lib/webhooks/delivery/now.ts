import "server-only";
import { randomBytes } from "node:crypto";
import { config } from "../../config";
import { db } from "../../db";
import { loadClaimed } from "./claim";
import {
  attemptDelivery,
  completionOf,
  recordAttempts,
  type AttemptResult,
  type RecordedOutcome,
} from "./deliver";

const MANUAL_LEASE_MS = 60_000;

/**
 * One attempt of a message right now, for the console and the API (Resend, Send test event),
 * whatever its status or its endpoint's: the message's lease is taken first, so a worker never
 * sends it at the same moment. The attempt is recorded with its trigger and the message moves
 * on as after any attempt (a failure is retried on the schedule). Null when a worker holds the
 * message at this moment.
 */
export async function deliverNow(
  messageId: string,
  trigger: "manual" | "test" = "manual",
): Promise<{ outcome: RecordedOutcome; attempt: AttemptResult } | null> {
  const owner = `now:${randomBytes(6).toString("hex")}`;
  const now = new Date();
  const { count } = await db().webhookMessage.updateMany({
    where: { id: messageId, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + MANUAL_LEASE_MS) },
  });
  if (count === 0) return null;
  const [message] = await loadClaimed(owner, [messageId]);
  const attempt = await attemptDelivery(message);
  const completion = completionOf(message, attempt, config().webhooks.retrySchedule, trigger);
  await recordAttempts([completion], owner);
  return { outcome: completion.outcome, attempt };
}
