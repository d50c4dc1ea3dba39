import "server-only";
import { recordAudit } from "../audit";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import {
  assertFeatureEnabled,
  assertIntegrationAccess,
  NOT_FOUND,
  ownedIntegration,
} from "../integrations/access";
import { DomainError, parseInput } from "../result";
import { retryAnalyticsExportInput, type RetryAnalyticsExportInput } from "./schemas";

// What the bucket page shows of the exports, and its one action.

const RECENT = 20;

export type AnalyticsBatchView = {
  id: string;
  intervalStart: string;
  intervalEnd: string;
  objectKey: string;
  events: number;
  bytes: number | null;
  status: "exported" | "pending" | "failing";
  attempts: number;
  lastError: string | null;
  exportedAt: string | null;
  nextAttemptAt: string | null;
};

export type AnalyticsExportView = {
  integrationId: string;
  name: string;
  lastExportAt: string | null;
  objectsWritten: number;
  eventsWritten: number;
  bytesWritten: number;
  pending: number;
  failing: number;
  /** The most recent failure, in words, while any batch is failing. */
  lastFailure: { at: string; message: string; objectKey: string } | null;
  recent: AnalyticsBatchView[];
};

type BatchRow = {
  id: string;
  intervalStart: Date;
  intervalEnd: Date;
  objectKey: string;
  eventCount: number;
  bytes: number | null;
  status: string;
  attemptCount: number;
  lastError: string | null;
  lastAttemptAt: Date | null;
  exportedAt: Date | null;
  nextAttemptAt: Date | null;
};

function batchView(row: BatchRow): AnalyticsBatchView {
  return {
    id: row.id,
    intervalStart: row.intervalStart.toISOString(),
    intervalEnd: row.intervalEnd.toISOString(),
    objectKey: row.objectKey,
    events: row.eventCount,
    bytes: row.bytes,
    status: row.status === "exported" ? "exported" : row.lastError ? "failing" : "pending",
    attempts: row.attemptCount,
    lastError: row.lastError,
    exportedAt: row.exportedAt?.toISOString() ?? null,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
  };
}

const BATCH_SELECT = {
  id: true,
  intervalStart: true,
  intervalEnd: true,
  objectKey: true,
  eventCount: true,
  bytes: true,
  status: true,
  attemptCount: true,
  lastError: true,
  lastAttemptAt: true,
  exportedAt: true,
  nextAttemptAt: true,
} as const;

/** The exports of each S3 analytics bucket of an environment: totals, the failure in words, recent batches. */
export async function listAnalyticsExports(
  actor: Actor,
  environmentId: number,
): Promise<AnalyticsExportView[]> {
  assertIntegrationAccess(actor, "view");
  await assertFeatureEnabled(actor.organisationId, "s3_analytics");
  const buckets = await db().integration.findMany({
    where: { kind: "s3_analytics", environmentId, environment: { organisationId: actor.organisationId } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  return Promise.all(
    buckets.map(async (bucket): Promise<AnalyticsExportView> => {
      const [written, pending, failing, latestFailure, recent] = await Promise.all([
        db().analyticsBatch.aggregate({
          where: { integrationId: bucket.id, status: "exported" },
          _count: { _all: true },
          _sum: { eventCount: true, bytes: true },
          _max: { exportedAt: true },
        }),
        db().analyticsBatch.count({ where: { integrationId: bucket.id, status: "pending" } }),
        db().analyticsBatch.count({
          where: { integrationId: bucket.id, status: "pending", lastError: { not: null } },
        }),
        db().analyticsBatch.findFirst({
          where: { integrationId: bucket.id, status: "pending", lastError: { not: null } },
          orderBy: { lastAttemptAt: "desc" },
          select: { lastError: true, lastAttemptAt: true, objectKey: true },
        }),
        db().analyticsBatch.findMany({
          where: { integrationId: bucket.id },
          orderBy: { intervalStart: "desc" },
          take: RECENT,
          select: BATCH_SELECT,
        }),
      ]);
      return {
        integrationId: bucket.id,
        name: bucket.name,
        lastExportAt: written._max.exportedAt?.toISOString() ?? null,
        objectsWritten: written._count._all,
        eventsWritten: written._sum.eventCount ?? 0,
        bytesWritten: written._sum.bytes ?? 0,
        pending,
        failing,
        lastFailure:
          latestFailure?.lastError && latestFailure.lastAttemptAt
            ? {
                at: latestFailure.lastAttemptAt.toISOString(),
                message: latestFailure.lastError,
                objectKey: latestFailure.objectKey,
              }
            : null,
        recent: recent.map(batchView),
      };
    }),
  );
}

/** "Retry now": the bucket's failing batches become due at once (the exporter takes them on its next poll). */
export async function retryAnalyticsExport(
  actor: Actor,
  input: RetryAnalyticsExportInput,
): Promise<{ batches: number }> {
  const { id: integrationId } = parseInput(retryAnalyticsExportInput, input);
  assertIntegrationAccess(actor, "edit");
  const bucket = await db().integration.findFirst({
    where: { ...ownedIntegration(actor, integrationId), kind: "s3_analytics" },
    select: { id: true, name: true, environmentId: true },
  });
  if (!bucket) throw new DomainError(NOT_FOUND, "not_found");
  await assertFeatureEnabled(actor.organisationId, "s3_analytics");
  const { count } = await db().analyticsBatch.updateMany({
    where: { integrationId: bucket.id, status: "pending", lastError: { not: null } },
    data: { nextAttemptAt: new Date() },
  });
  if (count === 0)
    throw new DomainError("No export of this bucket is failing; there is nothing to retry.", "conflict");
  await recordAudit(actor, {
    action: "integration.analytics_export.retry",
    environmentId: bucket.environmentId,
    target: { type: "integration", id: bucket.id, label: bucket.name },
    details: { batches: count },
  });
  return { batches: count };
}
