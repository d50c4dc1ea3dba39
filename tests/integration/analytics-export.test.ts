// The S3 analytics bucket at work: the environment's events, exported a batch per interval as
// gzipped NDJSON objects to s3rver behind the SigV4-verifying proxy, on SQLite and PostgreSQL.
// Read back through the S3 API, the objects hold exactly the events emitted, once each; a crash
// after the upload writes the same bytes to the same key again; a failing bucket says why in
// words, and two exporters sharing the database write each batch once.
import { gunzipSync } from "node:zlib";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  claimDueBatches,
  cutDueBatches,
  listAnalyticsExports,
  pruneExportedBatches,
  recordOutcome,
  retryAnalyticsExport,
  startAnalyticsExporter,
  uploadBatch,
  type AnalyticsExporter,
} from "@/lib/analytics-export";
import { db } from "@/lib/db";
import { createIntegration, updateIntegration } from "@/lib/integrations";
import { setFeature } from "@/lib/organisations/features";
import { emitEventNow } from "@/lib/webhooks/emit";
import { S3RVER_ACCESS_KEY_ID, startVerifiedS3, type S3Peer } from "@/test-support/peers/s3-verifying-proxy";
import {
  resetProcessState,
  stopPostgres,
  useFreshDatabase,
  type DatabaseKind,
} from "@/test-support/test-database";
import { seedOrganisation, type Seed } from "./helpers/api";

process.env.WORKBENCH_OUTBOUND_ALLOW = "127.0.0.0/8";

const SECRET = "analytics-export-secret-0123456789";
const REGION = "eu-west-1";
const BUCKET = "analytics-bucket";
const INTERVAL_MS = 400;
const SETTLE_MS = 100;
const KEY_PATTERN = /^exports\/analytics\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/anb_[0-9a-z]+\.ndjson\.gz$/;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the interval under way has ended and settled: every event emitted so far is due. */
function untilSettled(): Promise<unknown> {
  const end = Math.floor(Date.now() / INTERVAL_MS) * INTERVAL_MS + INTERVAL_MS;
  return sleep(end + SETTLE_MS + 30 - Date.now());
}

type Line = { id: string; type: string; timestamp: string; data: Record<string, unknown> };

/** Reads the bucket as a user would: list, download, gunzip, parse each NDJSON line. */
async function readBucket(s3: S3Peer): Promise<Map<string, Line[]>> {
  const client = new S3Client({
    region: REGION,
    endpoint: s3.url,
    forcePathStyle: true,
    credentials: { accessKeyId: S3RVER_ACCESS_KEY_ID, secretAccessKey: SECRET },
  });
  try {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    const objects = new Map<string, Line[]>();
    for (const { Key } of listed.Contents ?? []) {
      const body = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key }));
      const text = gunzipSync(Buffer.from(await body.Body!.transformToByteArray())).toString("utf8");
      expect(text.endsWith("\n")).toBe(true);
      objects.set(
        Key!,
        text
          .trimEnd()
          .split("\n")
          .map((line) => JSON.parse(line) as Line),
      );
    }
    return objects;
  } finally {
    client.destroy();
  }
}

async function emit(environmentId: number, count: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { eventId } = await emitEventNow({
      environmentId,
      type: "card.created",
      data: { id: `card_${tag}_${i}`, title: `Card ${tag} ${i}` },
    });
    ids.push(eventId);
  }
  return ids;
}

/** Emits in three bursts, an interval apart, so the events span several batches. */
async function emitAcrossIntervals(seed: Seed): Promise<string[]> {
  const ids: string[] = [];
  for (const burst of ["a", "b", "c"]) {
    ids.push(...(await emit(seed.production, 7, burst)));
    await sleep(INTERVAL_MS + 20);
  }
  // Events of another environment never reach this environment's bucket.
  await emit(seed.staging, 3, "staging");
  await untilSettled();
  return ids;
}

async function createBucket(seed: Seed, s3: S3Peer, secret = SECRET): Promise<string> {
  await setFeature(seed.organisationId, "aws-s3", true);
  const view = await createIntegration(seed.actor, {
    environmentId: seed.production,
    values: {
      kind: "s3_analytics",
      name: "Analytics export",
      bucket: BUCKET,
      region: REGION,
      prefix: "exports/",
      credentialMode: "keys",
      credentialId: "",
      accessKeyId: S3RVER_ACCESS_KEY_ID,
      secretAccessKey: secret,
      sessionToken: "",
      endpointUrl: s3.url,
      forcePathStyle: true,
    },
  });
  return view.id;
}

const exporterOptions = { intervalMs: INTERVAL_MS, settleMs: SETTLE_MS, pollMs: 0, log: () => undefined };

afterAll(() => stopPostgres());

describe.each<DatabaseKind>(["sqlite", "postgres"])("analytics export on %s", (kind) => {
  let s3: S3Peer;
  let seed: Seed;
  const exporters: AnalyticsExporter[] = [];
  const start = () => {
    const exporter = startAnalyticsExporter(exporterOptions);
    exporters.push(exporter);
    return exporter;
  };

  beforeEach(async () => {
    await useFreshDatabase(kind);
    seed = await seedOrganisation();
    s3 = await startVerifiedS3({ secretAccessKey: SECRET, region: REGION, buckets: [BUCKET] });
  });
  afterEach(async () => {
    await Promise.all(exporters.splice(0).map((e) => e.stop({ graceMs: 1000 })));
    await s3.close();
    await resetProcessState();
  });

  it("writes each interval's events as one gzipped NDJSON object: exactly the events emitted, once, in order", async () => {
    const bucketId = await createBucket(seed, s3);
    const emitted = await emitAcrossIntervals(seed);
    const exporter = start();
    const round = await exporter.runOnce();
    expect(round.exported).toBe(round.cut);
    expect(round.cut).toBeGreaterThanOrEqual(3);

    const objects = await readBucket(s3);
    expect(objects.size).toBe(round.cut);
    for (const key of objects.keys()) expect(key).toMatch(KEY_PATTERN);
    const batches = await db().analyticsBatch.findMany({ orderBy: { intervalStart: "asc" } });
    // Listed in key order, the objects come in the order of their intervals.
    expect([...objects.keys()]).toEqual(batches.map((b) => b.objectKey));
    const exported = batches.flatMap((b) => objects.get(b.objectKey)!);
    expect(exported.map((line) => line.id)).toEqual(emitted);
    expect(exported[0]).toMatchObject({ type: "card.created", data: { id: "card_a_0", title: "Card a 0" } });
    for (const b of batches) expect(objects.get(b.objectKey)!.length).toBe(b.eventCount);

    // A second round finds nothing new: no batch, no object written twice.
    const puts = s3.requests.filter((r) => r.method === "PUT").length;
    expect(await exporter.runOnce()).toEqual({ cut: 0, exported: 0, failed: 0 });
    expect(s3.requests.filter((r) => r.method === "PUT").length).toBe(puts);

    const [view] = await listAnalyticsExports(seed.actor, seed.production);
    expect(view).toMatchObject({
      integrationId: bucketId,
      objectsWritten: batches.length,
      eventsWritten: emitted.length,
      pending: 0,
      failing: 0,
      lastFailure: null,
    });
    expect(view.bytesWritten).toBeGreaterThan(0);
    expect(view.lastExportAt).not.toBeNull();
  });

  it("a crash after the upload: once the lease runs out the batch is written again to the same key, and the bucket holds it once", async () => {
    await createBucket(seed, s3);
    const emitted = await emit(seed.production, 12, "x");
    await untilSettled();
    expect(await cutDueBatches({ intervalMs: INTERVAL_MS, settleMs: SETTLE_MS })).toBeGreaterThanOrEqual(1);
    const batches = await db().analyticsBatch.findMany({ orderBy: { intervalStart: "asc" } });

    // The "dead" exporter claims every batch and uploads them, then dies before recording anything.
    const now = new Date();
    const leaseUntil = now.getTime() + 3000;
    const claimed = await claimDueBatches("dead", 10, now, new Date(leaseUntil));
    expect(claimed.sort()).toEqual(batches.map((b) => b.id).sort());
    for (const id of claimed) expect((await uploadBatch(id)).ok).toBe(true);
    const firstCopy = await readBucket(s3);
    // While its lease holds, no one else takes the batches.
    const exporter = start();
    expect((await exporter.runOnce()).exported).toBe(0);

    await sleep(leaseUntil + 50 - Date.now());
    expect((await exporter.runOnce()).exported).toBe(batches.length);
    // The dead exporter's late record is refused: the batch is the live exporter's now.
    expect(await recordOutcome("dead", claimed[0], { ok: true, bytes: 1, events: 1 })).toBe(false);

    const objects = await readBucket(s3);
    expect(objects).toEqual(firstCopy);
    expect([...objects.values()].flat().map((line) => line.id)).toEqual(emitted);
    for (const b of batches) {
      const puts = s3.requests.filter((r) => r.method === "PUT" && r.path.includes(b.id));
      expect(puts.length).toBe(2);
    }
    expect(await db().analyticsBatch.count({ where: { status: "exported", attemptCount: 1 } })).toBe(
      batches.length,
    );
  });

  it("a failing bucket says why in words, backs off, and exports once the secret is fixed and the batch retried", async () => {
    const bucketId = await createBucket(seed, s3, "the-wrong-secret-for-this-store");
    const emitted = await emit(seed.production, 5, "f");
    await untilSettled();
    const exporter = start();
    const first = await exporter.runOnce();
    expect(first).toMatchObject({ exported: 0, failed: first.cut });
    const [failing] = await listAnalyticsExports(seed.actor, seed.production);
    expect(failing.failing).toBe(first.cut);
    expect(failing.lastFailure?.message).toMatch(/^403 SignatureDoesNotMatch/);
    expect(failing.lastFailure?.message).toContain("The secret access key does not match the access key ID.");
    expect(failing.recent[0]).toMatchObject({ status: "failing", attempts: 1 });
    expect(new Date(failing.recent[0].nextAttemptAt!).getTime()).toBeGreaterThan(Date.now() + 20_000);
    // Backing off: the next round does not try again yet.
    expect(await exporter.runOnce()).toMatchObject({ exported: 0, failed: 0 });
    expect(s3.requests.filter((r) => r.verdict === "ok")).toEqual([]);
    expect(await db().auditEvent.count({ where: { action: "integration.analytics_export.failed" } })).toBe(
      first.cut,
    );
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "integration.analytics_export.failed" },
    });
    expect(audit.details).not.toContain("the-wrong-secret-for-this-store");

    const view = await db().integration.findUniqueOrThrow({ where: { id: bucketId } });
    await updateIntegration(seed.actor, {
      id: bucketId,
      expectedVersion: view.version,
      values: {
        kind: "s3_analytics",
        name: "Analytics export",
        bucket: BUCKET,
        region: REGION,
        prefix: "exports/",
        credentialMode: "keys",
        credentialId: "",
        accessKeyId: S3RVER_ACCESS_KEY_ID,
        secretAccessKey: SECRET,
        sessionToken: "",
        endpointUrl: s3.url,
        forcePathStyle: true,
      },
    });
    expect(await retryAnalyticsExport(seed.actor, { id: bucketId })).toEqual({
      batches: first.cut,
    });
    expect(await exporter.runOnce()).toMatchObject({ exported: first.cut, failed: 0 });
    const objects = await readBucket(s3);
    expect([...objects.values()].flat().map((line) => line.id)).toEqual(emitted);
    const [healthy] = await listAnalyticsExports(seed.actor, seed.production);
    expect(healthy).toMatchObject({ failing: 0, pending: 0, lastFailure: null, eventsWritten: 5 });
    expect(healthy.recent[0]).toMatchObject({ status: "exported", attempts: 2, lastError: null });
    expect(await db().auditEvent.count({ where: { action: "integration.analytics_export.retry" } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "integration.analytics_export.recovered" } })).toBe(
      first.cut,
    );
    await expect(retryAnalyticsExport(seed.actor, { id: bucketId })).rejects.toThrow(
      "No export of this bucket is failing",
    );
  });

  it("two exporters on one database cut and write each batch once", async () => {
    await createBucket(seed, s3);
    const emitted = await emitAcrossIntervals(seed);
    const a = start();
    const b = start();
    const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
    const batches = await db().analyticsBatch.findMany();
    expect(ra.cut + rb.cut).toBe(batches.length);
    expect(ra.exported + rb.exported).toBe(batches.length);
    for (const batch of batches)
      expect(s3.requests.filter((r) => r.method === "PUT" && r.path.includes(batch.id)).length).toBe(1);
    const objects = await readBucket(s3);
    expect(objects.size).toBe(batches.length);
    expect(
      [...objects.values()]
        .flat()
        .map((line) => line.id)
        .sort(),
    ).toEqual([...emitted].sort());
  });

  it("a bucket of an organisation without the S3 feature gets nothing until the feature is on", async () => {
    await createBucket(seed, s3);
    await emit(seed.production, 3, "off");
    await setFeature(seed.organisationId, "aws-s3", false);
    await untilSettled();
    const exporter = start();
    expect(await exporter.runOnce()).toEqual({ cut: 0, exported: 0, failed: 0 });
    await setFeature(seed.organisationId, "aws-s3", true);
    expect((await exporter.runOnce()).exported).toBeGreaterThanOrEqual(1);
  });

  it("pruning drops exported batches older than the retention but keeps each bucket's newest and those still waiting", async () => {
    await createBucket(seed, s3);
    await emitAcrossIntervals(seed);
    const exporter = start();
    const { exported } = await exporter.runOnce();
    expect(exported).toBeGreaterThanOrEqual(3);
    const batches = await db().analyticsBatch.findMany({ orderBy: { intervalStart: "asc" } });
    const old = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    await db().analyticsBatch.updateMany({ data: { createdAt: old } });
    // One old batch still failing: kept whatever its age.
    await db().analyticsBatch.update({
      where: { id: batches[0].id },
      data: {
        status: "pending",
        lastError: "403 AccessDenied.",
        nextAttemptAt: new Date(Date.now() + 3_600_000),
      },
    });
    expect(await pruneExportedBatches(30)).toBe(batches.length - 2);
    const left = await db().analyticsBatch.findMany({ orderBy: { intervalStart: "asc" } });
    expect(left.map((b) => b.id)).toEqual([batches[0].id, batches.at(-1)!.id]);
    // The next cut starts after the newest batch: nothing is exported again.
    const later = await emit(seed.production, 2, "later");
    await untilSettled();
    const round = await exporter.runOnce();
    expect(round.cut).toBeGreaterThanOrEqual(1);
    expect(round.exported).toBe(round.cut);
    const fresh = await db().analyticsBatch.findMany({
      where: { intervalStart: { gt: batches.at(-1)!.intervalStart } },
      orderBy: { intervalStart: "asc" },
    });
    expect(fresh.length).toBe(round.cut);
    expect([fresh[0].firstEventId, fresh.at(-1)!.lastEventId]).toEqual([later[0], later[1]]);
    expect(fresh.reduce((sum, b) => sum + b.eventCount, 0)).toBe(2);
  });
});
