import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "../db";
import { isUniqueViolation } from "../db/errors";
import { enabledFeatures } from "../organisations/features";
import { parseStoredIntegration } from "../integrations/storage";
import { streamIdAt, timeOfStreamId } from "../webhooks/stream-ids";
import { BATCH_ID_PREFIX, intervalStartOf, objectKeyOf } from "./schedule";

// Cutting batches: for each S3 analytics bucket, every interval that has ended (and settled) and
// holds events becomes one batch row, in order. The row fixes the event id range, the count and the
// object key before anything is uploaded. Intervals without events get no row and no object. Two
// instances cutting at once compute the same interval; the unique (bucket, interval start) lets one
// insert win and the other moves on.

export type CutOptions = { intervalMs: number; settleMs: number; now?: Date; maxPerBucket?: number };

/** Starts with the interval's start, so a bucket's keys sort in the order of their intervals. */
export function batchId(intervalStart: number): string {
  return `${BATCH_ID_PREFIX}${intervalStart.toString(36).padStart(9, "0")}${randomBytes(6).toString("hex")}`;
}

type Bucket = { id: string; name: string; config: string; environmentId: number; createdAt: Date };

/** Cuts the due batches of one bucket; returns how many it created. */
export async function cutBucket(bucket: Bucket, options: CutOptions): Promise<number> {
  const now = (options.now ?? new Date()).getTime();
  const { intervalMs, settleMs } = options;
  const { config } = parseStoredIntegration("s3_analytics", bucket.config, bucket.name);
  if (!("bucket" in config)) return 0;
  const last = await db().analyticsBatch.findFirst({
    where: { integrationId: bucket.id },
    orderBy: { intervalStart: "desc" },
    select: { intervalEnd: true },
  });
  // A new bucket receives the events from the interval it was added in onwards.
  let cursor = last ? last.intervalEnd.getTime() : intervalStartOf(bucket.createdAt.getTime(), intervalMs);
  let created = 0;
  for (let round = 0; round < (options.maxPerBucket ?? 50); round++) {
    const next = await db().event.findFirst({
      where: { environmentId: bucket.environmentId, id: { gte: streamIdAt("evt", cursor) } },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    const at = next ? timeOfStreamId("evt", next.id) : null;
    if (!next || at === null) break;
    const start = Math.max(cursor, intervalStartOf(at, intervalMs));
    const end = intervalStartOf(at, intervalMs) + intervalMs;
    if (end + settleMs > now) break;
    const range = await db().event.aggregate({
      where: { environmentId: bucket.environmentId, id: { gte: next.id, lt: streamIdAt("evt", end) } },
      _count: { _all: true },
      _max: { id: true },
    });
    const id = batchId(start);
    try {
      await db().analyticsBatch.create({
        data: {
          id,
          integrationId: bucket.id,
          environmentId: bucket.environmentId,
          intervalStart: new Date(start),
          intervalEnd: new Date(end),
          firstEventId: next.id,
          lastEventId: range._max.id ?? next.id,
          eventCount: range._count._all,
          objectKey: objectKeyOf(config.prefix, new Date(start), id),
          status: "pending",
          nextAttemptAt: new Date(now),
        },
      });
      created++;
    } catch (error) {
      // Another instance cut this interval first: its row is the batch.
      if (!isUniqueViolation(error)) throw error;
    }
    cursor = end;
  }
  return created;
}

/** Cuts the due batches of every S3 analytics bucket whose organisation has the S3 feature on. */
export async function cutDueBatches(options: CutOptions): Promise<number> {
  const buckets = await db().integration.findMany({
    where: { kind: "s3_analytics" },
    select: {
      id: true,
      name: true,
      config: true,
      environmentId: true,
      createdAt: true,
      environment: { select: { organisationId: true } },
    },
  });
  const enabled = new Map<string, boolean>();
  let created = 0;
  for (const bucket of buckets) {
    const org = bucket.environment.organisationId;
    if (!enabled.has(org)) enabled.set(org, (await enabledFeatures(org)).includes("aws-s3"));
    if (!enabled.get(org)) continue;
    try {
      created += await cutBucket(bucket, options);
    } catch (error) {
      // A damaged bucket must not stop the others; its page says why nothing is exported.
      if (!(error instanceof Error && /damaged/.test(error.message))) throw error;
    }
  }
  return created;
}
