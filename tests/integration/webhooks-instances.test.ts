// The outbox across processes: server instances (tests/fixtures/start-api.ts: the public API and
// the delivery worker, as `npm start` runs them) in child processes on one database. A process
// killed with SIGKILL mid-delivery loses nothing: after its leases run out another instance
// delivers every message, sending again at most what was in flight. Two instances on PostgreSQL
// share a thousand events without sending one twice.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startWebhookPeer, type WebhookPeer } from "@/test-support/peers";
import {
  resetProcessState,
  stopPostgres,
  useFreshDatabase,
  type DatabaseKind,
} from "@/test-support/test-database";
import { seedOrganisation } from "./helpers/api";
import { createEndpoint, queueEvents, waitFor } from "./helpers/webhooks";
import { killInstances, startInstance } from "./helpers/instance";

process.env.WORKBENCH_OUTBOUND_ALLOW = "127.0.0.0/8";

const pendingCount = () => db().webhookMessage.count({ where: { status: { not: "succeeded" } } });

afterEach(() => {
  killInstances();
});
afterAll(() => stopPostgres());

describe.each<DatabaseKind>(["sqlite", "postgres"])("a server killed mid-delivery on %s", (kind) => {
  let peer: WebhookPeer | undefined;
  afterAll(async () => {
    await peer?.close();
    await resetProcessState();
  });

  it("with 200 messages queued, kill -9 then restart: every message reaches the peer, duplicates at most what was in flight", async () => {
    const url = await useFreshDatabase(kind);
    const seed = await seedOrganisation();
    peer = await startWebhookPeer({ secrets: [], answer: () => ({ status: 200, delayMs: 25 }) });
    const endpoint = await createEndpoint(seed.production, peer.url, { status: "paused" });
    peer.secrets.push(endpoint.secret);
    await queueEvents(seed.production, endpoint.id, 200);
    expect(await pendingCount()).toBe(200);

    const env = {
      DATABASE_URL: url,
      WORKBENCH_WEBHOOK_LEASE_SECONDS: "2",
      WORKBENCH_WEBHOOK_CONCURRENCY: "16",
    };
    const first = await startInstance(env);
    await db().webhookEndpoint.update({ where: { id: endpoint.id }, data: { status: "enabled" } });
    await waitFor(
      async () => peer!.distinctIds(),
      (n) => n >= 60,
      30_000,
      5,
    );
    first.child.kill("SIGKILL");
    await first.exited;
    // What the dead process held: claimed and not recorded. Only these may be sent twice.
    const inFlight = await db().webhookMessage.count({
      where: { status: "pending", leaseOwner: { not: null } },
    });
    const beforeRestart = peer.distinctIds();
    expect(beforeRestart).toBeLessThan(200);

    const second = await startInstance(env);
    await waitFor(pendingCount, (n) => n === 0, 60_000, 100);
    second.child.kill("SIGTERM");
    await second.exited;

    const duplicates = peer.received.length - peer.distinctIds();
    console.log(
      `[${kind}] crash: ${beforeRestart} distinct ids before kill -9, ${inFlight} in flight at the kill; after restart ${peer.distinctIds()} distinct webhook-ids, ${duplicates} duplicate deliveries`,
    );
    expect(peer.distinctIds()).toBe(200);
    expect(peer.received.every((d) => d.verified)).toBe(true);
    expect(duplicates).toBeLessThanOrEqual(inFlight);
  });
});

describe("two instances on postgres", () => {
  let peer: WebhookPeer | undefined;
  afterAll(async () => {
    await peer?.close();
    await resetProcessState();
  });

  it("share 1,000 events: all delivered, none twice", async () => {
    const url = await useFreshDatabase("postgres");
    const seed = await seedOrganisation();
    peer = await startWebhookPeer({ secrets: [], answer: () => ({ status: 200, delayMs: 2 }) });
    const endpoint = await createEndpoint(seed.production, peer.url, { status: "paused" });
    peer.secrets.push(endpoint.secret);
    await queueEvents(seed.production, endpoint.id, 1000);

    const env = { DATABASE_URL: url, WORKBENCH_WEBHOOK_CONCURRENCY: "16" };
    const [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
    const t0 = performance.now();
    await db().webhookEndpoint.update({ where: { id: endpoint.id }, data: { status: "enabled" } });
    await waitFor(pendingCount, (n) => n === 0, 60_000, 100);
    const seconds = (performance.now() - t0) / 1000;
    a.child.kill("SIGTERM");
    b.child.kill("SIGTERM");
    await Promise.all([a.exited, b.exited]);
    const shares = [a, b].map((instance) => {
      const line = instance.lines.find((l) => l.startsWith("webhook attempts: "));
      return Number(line?.slice("webhook attempts: ".length));
    });
    const duplicates = peer.received.length - peer.distinctIds();
    console.log(
      `[postgres] two instances: ${peer.distinctIds()} distinct webhook-ids, ${peer.received.length} requests (${duplicates} twice); attempts per instance ${shares.join(" + ")}, in ${seconds.toFixed(1)} s`,
    );
    expect(peer.distinctIds()).toBe(1000);
    expect(duplicates).toBe(0);
    expect(await db().webhookAttempt.count()).toBe(1000);
    expect(shares[0] + shares[1]).toBe(1000);
    expect(Math.min(...shares)).toBeGreaterThan(0);
  });
});
