// Analytics exports across processes: server instances (tests/fixtures/start-api.ts, which runs the
// exporter as `npm start` does) in child processes on one database, exporting 400 events spread
// over 80 one-second intervals to s3rver behind the SigV4-verifying proxy. An instance killed with
// SIGKILL mid-export loses nothing: another finishes, rewriting at most the batches that were in
// flight, to the same keys; two instances on PostgreSQL write every batch once.
import { randomBytes } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createIntegration } from "@/lib/integrations";
import { setFeature } from "@/lib/organisations/features";
import { S3RVER_ACCESS_KEY_ID, startVerifiedS3, type S3Peer } from "@/test-support/peers/s3-verifying-proxy";
import {
  resetProcessState,
  stopPostgres,
  useFreshDatabase,
  type DatabaseKind,
} from "@/test-support/test-database";
import { seedOrganisation, type Seed } from "./helpers/api";
import { waitFor } from "./helpers/webhooks";
import { killInstances, startInstance } from "./helpers/instance";

process.env.WORKBENCH_OUTBOUND_ALLOW = "127.0.0.0/8";

const SECRET = "analytics-instances-secret-0123456789";
const REGION = "eu-west-1";
const BUCKET = "analytics-bucket";
const INTERVALS = 80;
const PER_INTERVAL = 5;

const t36 = (ms: number) => ms.toString(36).padStart(9, "0");

/**
 * A bucket added 250 s ago, and the outbox it has not exported yet: 400 events, five in each of
 * 80 one-second intervals (ids minted at those times, as emitEvent mints them).
 */
async function outboxToExport(seed: Seed, s3: S3Peer): Promise<string[]> {
  await setFeature(seed.organisationId, "aws-s3", true);
  const bucket = await createIntegration(seed.actor, {
    environmentId: seed.production,
    values: {
      kind: "s3_analytics",
      name: "Analytics export",
      bucket: BUCKET,
      region: REGION,
      prefix: "",
      credentialMode: "keys",
      credentialId: "",
      accessKeyId: S3RVER_ACCESS_KEY_ID,
      secretAccessKey: SECRET,
      sessionToken: "",
      endpointUrl: s3.url,
      forcePathStyle: true,
    },
  });
  const start = Math.floor(Date.now() / 1000) * 1000 - 250_000;
  await db().integration.update({ where: { id: bucket.id }, data: { createdAt: new Date(start) } });
  const events = Array.from({ length: INTERVALS * PER_INTERVAL }, (_, i) => {
    const at = start + 10_000 + Math.floor(i / PER_INTERVAL) * 1000 + (i % PER_INTERVAL) * 100;
    const id = `evt_${t36(at)}${randomBytes(10).toString("hex")}`;
    const data = { id: `card_${i}`, title: `Card ${i}` };
    const timestamp = new Date(at).toISOString();
    return { id, at, payload: JSON.stringify({ type: "card.created", timestamp, data }) };
  });
  for (let from = 0; from < events.length; from += 250)
    await db().event.createMany({
      data: events.slice(from, from + 250).map((e) => ({
        id: e.id,
        environmentId: seed.production,
        type: "card.created",
        payload: e.payload,
        createdAt: new Date(e.at),
      })),
    });
  return events.map((e) => e.id).sort();
}

async function readBucket(s3: S3Peer): Promise<{ objects: number; ids: string[] }> {
  const client = new S3Client({
    region: REGION,
    endpoint: s3.url,
    forcePathStyle: true,
    credentials: { accessKeyId: S3RVER_ACCESS_KEY_ID, secretAccessKey: SECRET },
  });
  try {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
      token = page.NextContinuationToken;
    } while (token);
    const ids: string[] = [];
    for (const Key of keys) {
      const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key }));
      const text = gunzipSync(Buffer.from(await object.Body!.transformToByteArray())).toString("utf8");
      ids.push(
        ...text
          .trimEnd()
          .split("\n")
          .map((line) => (JSON.parse(line) as { id: string }).id),
      );
    }
    return { objects: keys.length, ids: ids.sort() };
  } finally {
    client.destroy();
  }
}

const exported = () => db().analyticsBatch.count({ where: { status: "exported" } });
const putsPerBatch = async (s3: S3Peer) => {
  const batches = await db().analyticsBatch.findMany({ select: { id: true } });
  return batches.map((b) => s3.requests.filter((r) => r.method === "PUT" && r.path.includes(b.id)).length);
};
const env = (url: string) => ({
  DATABASE_URL: url,
  WORKBENCH_ANALYTICS_BATCH_SECONDS: "1",
  WORKBENCH_ANALYTICS_SETTLE_SECONDS: "1",
  WORKBENCH_WEBHOOK_LEASE_SECONDS: "2",
});

afterEach(() => {
  killInstances();
});
afterAll(() => stopPostgres());

describe.each<DatabaseKind>(["sqlite", "postgres"])(
  "an exporting server killed with SIGKILL on %s",
  (kind) => {
    let s3: S3Peer | undefined;
    afterAll(async () => {
      await s3?.close();
      await resetProcessState();
    });

    it("another instance finishes: every event in the bucket once, rewritten at most what was in flight", async () => {
      const url = await useFreshDatabase(kind);
      const seed = await seedOrganisation();
      s3 = await startVerifiedS3({ secretAccessKey: SECRET, region: REGION, buckets: [BUCKET] });
      const emitted = await outboxToExport(seed, s3);

      const first = await startInstance(env(url));
      await waitFor(exported, (n) => n >= 20, 60_000, 20);
      first.child.kill("SIGKILL");
      await first.exited;
      const beforeRestart = await exported();
      // What the dead process held: claimed and not recorded. Only these may be written twice.
      const inFlight = await db().analyticsBatch.count({
        where: { status: "pending", leaseOwner: { not: null } },
      });
      expect(beforeRestart).toBeLessThan(INTERVALS);

      const second = await startInstance(env(url));
      await waitFor(
        async () => [await db().analyticsBatch.count(), await exported()],
        ([all, done]) => all === INTERVALS && done === INTERVALS,
        60_000,
        100,
      );
      second.child.kill("SIGTERM");
      await second.exited;

      const puts = await putsPerBatch(s3);
      const twice = puts.filter((n) => n === 2).length;
      console.log(
        `[${kind}] crash: ${beforeRestart} batches exported before kill -9, ${inFlight} in flight; after restart ${INTERVALS} exported, ${twice} written twice`,
      );
      expect(puts.every((n) => n === 1 || n === 2)).toBe(true);
      expect(twice).toBeLessThanOrEqual(inFlight);
      const bucket = await readBucket(s3);
      expect(bucket.objects).toBe(INTERVALS);
      expect(bucket.ids).toEqual(emitted);
    });
  },
);

describe("two exporting instances on postgres", () => {
  let s3: S3Peer | undefined;
  afterAll(async () => {
    await s3?.close();
    await resetProcessState();
  });

  it("share 80 batches: every batch written once, every event once", async () => {
    const url = await useFreshDatabase("postgres");
    const seed = await seedOrganisation();
    s3 = await startVerifiedS3({ secretAccessKey: SECRET, region: REGION, buckets: [BUCKET] });
    const emitted = await outboxToExport(seed, s3);
    const [a, b] = await Promise.all([startInstance(env(url)), startInstance(env(url))]);
    await waitFor(
      async () => [await db().analyticsBatch.count(), await exported()],
      ([all, done]) => all === INTERVALS && done === INTERVALS,
      60_000,
      100,
    );
    a.child.kill("SIGTERM");
    b.child.kill("SIGTERM");
    await Promise.all([a.exited, b.exited]);
    expect(await putsPerBatch(s3)).toEqual(Array(INTERVALS).fill(1));
    const bucket = await readBucket(s3);
    expect(bucket.objects).toBe(INTERVALS);
    expect(bucket.ids).toEqual(emitted);
  });
});
