import "server-only";
import { createGzip } from "node:zlib";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { recordAudit } from "../audit";
import type { Actor } from "../auth/actor";
import { createRedactor } from "../credentials/redact";
import { destinationOf, recordCredentialUse } from "../credentials/use";
import { decryptSecretMap, parseSecretColumn, SecretDecryptionError } from "../crypto";
import { db } from "../db";
import { KIND_LABELS } from "../integrations/kinds";
import {
  describeS3Failure,
  literalRefusal,
  s3ClientFor,
  s3EndpointOf,
  type S3ProbeOptions,
} from "../integrations/s3-probe";
import { S3SetupError, s3KeysFor } from "../integrations/s3-keys";
import { parseStoredIntegration } from "../integrations/storage";
import { integrationRef } from "../integrations/views";
import { allowlistFromEnv, type OutboundAllowlist } from "../outbound";
import { ndjsonLine, retryDelayMs } from "./schedule";

// Exporting one claimed batch: read exactly the events the batch fixed, write them as one gzipped
// NDJSON object with a single PUT (S3 shows an object whole or not at all), then record the
// outcome — only while this exporter still holds the lease. A crash between the PUT and that record
// leaves the batch pending; after the lease runs out it is exported again, the same bytes to the
// same key, so the bucket never holds a batch twice or in part.

const READ_PAGE = 2_000;

export type ExportDeps = {
  s3?: Pick<S3ProbeOptions, "resolver" | "timeoutMs">;
  allowlist?: OutboundAllowlist;
};
export type ExportOutcome = { ok: true; bytes: number; events: number } | { ok: false; error: string };

class ExportSetupError extends Error {}

type Batch = {
  id: string;
  environmentId: number;
  firstEventId: string;
  lastEventId: string;
  eventCount: number;
  objectKey: string;
};

/** The batch's object: its events in id order, one NDJSON line each, gzipped. */
export async function batchBody(batch: Batch): Promise<{ body: Buffer; events: number }> {
  const gzip = createGzip();
  const chunks: Buffer[] = [];
  gzip.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    gzip.on("end", resolve);
    gzip.on("error", reject);
  });
  let after: string | null = null;
  let events = 0;
  for (;;) {
    const page: { id: string; payload: string }[] = await db().event.findMany({
      where: {
        environmentId: batch.environmentId,
        id: after
          ? { gt: after, lte: batch.lastEventId }
          : { gte: batch.firstEventId, lte: batch.lastEventId },
      },
      orderBy: { id: "asc" },
      select: { id: true, payload: true },
      take: READ_PAGE,
    });
    for (const event of page) gzip.write(ndjsonLine(event));
    events += page.length;
    if (page.length < READ_PAGE) break;
    after = page[page.length - 1].id;
  }
  gzip.end();
  await ended;
  return { body: Buffer.concat(chunks), events };
}

/** Uploads one batch (the caller holds its lease); never throws for a failed upload. */
export async function uploadBatch(batchId: string, deps: ExportDeps = {}): Promise<ExportOutcome> {
  const batch = await db().analyticsBatch.findUnique({
    where: { id: batchId },
    select: {
      id: true,
      environmentId: true,
      firstEventId: true,
      lastEventId: true,
      eventCount: true,
      objectKey: true,
      integration: {
        select: { id: true, name: true, config: true, secrets: true, environmentId: true },
      },
    },
  });
  if (!batch) return { ok: false, error: "The batch no longer exists (its bucket was deleted)." };
  const bucket = batch.integration;
  let redactor = createRedactor([]);
  let endpoint = "";
  try {
    const stored = parseStoredIntegration("s3_analytics", bucket.config, bucket.name);
    if (stored.kind !== "s3_analytics") throw new ExportSetupError("This is not an S3 analytics bucket.");
    const config = stored.config;
    endpoint = s3EndpointOf(config);
    const { body, events } = await batchBody(batch);
    // The range was fixed when the batch was cut; fewer events now means some were pruned.
    if (events !== batch.eventCount)
      throw new ExportSetupError(
        `The batch held ${batch.eventCount} events when it was cut but ${events} remain in the outbox; it is not written, so the bucket never holds a different version of it.`,
      );
    const secrets = decryptSecretMap(
      parseSecretColumn(bucket.secrets, integrationRef(bucket)),
      integrationRef(bucket),
    );
    const keys = await s3KeysFor(config, secrets, (id) => ({ id, environmentId: bucket.environmentId }));
    redactor = createRedactor(keys.redact);
    const allowlist = deps.allowlist ?? allowlistFromEnv();
    const refused = literalRefusal(endpoint, allowlist);
    if (refused) throw new ExportSetupError(refused);
    const client = s3ClientFor(config, keys, allowlist, deps.s3);
    let outcome: ExportOutcome;
    try {
      await client.send(
        new PutObjectCommand({
          Bucket: config.bucket,
          Key: batch.objectKey,
          Body: body,
          ContentType: "application/gzip",
          Metadata: {
            "workbench-batch": batch.id,
            "workbench-events": String(events),
            "workbench-first-event": batch.firstEventId,
            "workbench-last-event": batch.lastEventId,
          },
        }),
      );
      outcome = { ok: true, bytes: body.length, events };
    } catch (error) {
      outcome = { ok: false, error: describeS3Failure(error, endpoint, redactor).message };
    } finally {
      client.destroy();
    }
    if (keys.credentialId)
      await recordCredentialUse(keys.credentialId, {
        by: { type: "integration", label: `${KIND_LABELS.s3_analytics.singular} "${bucket.name}"` },
        destination: destinationOf(endpoint),
        ok: outcome.ok,
        summary: outcome.ok
          ? `Exported ${events} events to ${batch.objectKey}.`
          : `Analytics export failed: ${outcome.error}`,
      });
    return outcome;
  } catch (error) {
    if (
      error instanceof ExportSetupError ||
      error instanceof S3SetupError ||
      error instanceof SecretDecryptionError
    )
      return { ok: false, error: error.message };
    if (error instanceof Error && /damaged|unknown kind/i.test(error.message))
      return { ok: false, error: error.message };
    return {
      ok: false,
      error: redactor.text(`Unexpected failure: ${(error as Error).message}`).slice(0, 500),
    };
  }
}

const exporterActor = (organisationId: string): Actor => ({
  type: "system",
  organisationId,
  label: "Analytics export",
});

/**
 * Records an attempt's outcome while `owner` still holds the lease (false otherwise: another
 * exporter took the batch over, and its record counts). The first failure of a batch and the
 * success that ends a run of failures are audited.
 */
export async function recordOutcome(
  owner: string,
  batchId: string,
  outcome: ExportOutcome,
  now: Date = new Date(),
): Promise<boolean> {
  const batch = await db().analyticsBatch.findUnique({
    where: { id: batchId },
    select: {
      attemptCount: true,
      lastError: true,
      objectKey: true,
      eventCount: true,
      environmentId: true,
      integration: { select: { id: true, name: true, environment: { select: { organisationId: true } } } },
    },
  });
  if (!batch) return false;
  const attempts = batch.attemptCount + 1;
  const { count } = await db().analyticsBatch.updateMany({
    where: { id: batchId, leaseOwner: owner, status: "pending" },
    data: outcome.ok
      ? {
          status: "exported",
          attemptCount: attempts,
          lastAttemptAt: now,
          exportedAt: now,
          bytes: outcome.bytes,
          lastError: null,
          nextAttemptAt: null,
          leaseOwner: null,
          leaseUntil: null,
        }
      : {
          attemptCount: attempts,
          lastAttemptAt: now,
          lastError: outcome.error.slice(0, 1000),
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
          leaseOwner: null,
          leaseUntil: null,
        },
  });
  if (count !== 1) return false;
  const firstFailure = !outcome.ok && batch.lastError === null;
  const recovered = outcome.ok && batch.lastError !== null;
  if (firstFailure || recovered)
    await recordAudit(exporterActor(batch.integration.environment.organisationId), {
      action: outcome.ok ? "integration.analytics_export.recovered" : "integration.analytics_export.failed",
      environmentId: batch.environmentId,
      target: { type: "integration", id: batch.integration.id, label: batch.integration.name },
      details: {
        batch: batchId,
        objectKey: batch.objectKey,
        events: batch.eventCount,
        attempts,
        ...(outcome.ok ? {} : { error: outcome.error.slice(0, 300) }),
      },
    });
  return true;
}
