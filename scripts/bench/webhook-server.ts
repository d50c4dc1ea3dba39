// The webhook benchmark's server process: the delivery worker as the server runs it, on the
// migrated database in DATABASE_URL, with one endpoint pointing at the sink the parent runs
// (SINK_URL), plus a control port the parent drives:
//   POST /fill?n=N     pause the endpoint and queue N events (one message each); not timed
//   POST /resume       enable the endpoint: the worker drains the queue (the outbox path)
//   POST /plain?n=N    the same N signed POSTs sent straight to the sink with the same client and
//                      concurrency, no queue (the reference)
//   POST /steady?rate=R&seconds=S   emits R events/s for S s, each in its own transaction as
//                      domain code does; answers each message id with the time its commit returned
// Prints one JSON line with the control port, then serves until killed. Loopback only.
// bench-webhooks.ts bundles this file the way the production server is bundled.
import http from "node:http";
import type { AddressInfo } from "node:net";

async function main() {
  const { db } = await import("../../lib/db");
  const { config } = await import("../../lib/config");
  const { emitEvent } = await import("../../lib/webhooks/emit");
  const { startWebhookWorker, nudgeWebhookWorker } = await import("../../lib/webhooks/delivery");
  const { newSigningSecret, sealSigningSecret } = await import("../../lib/webhooks/signing-secret");
  const { signatureHeaders } = await import("../../lib/webhooks/delivery/sign");
  const { sendOutbound } = await import("../../lib/outbound");
  const { USER_AGENT } = await import("../../lib/webhooks/delivery/deliver");

  const sink = process.env.SINK_URL;
  if (!sink) throw new Error("SINK_URL is not set");
  const org = await db().organisation.create({
    data: { name: "Bench", environments: { create: [{ name: "production" }] } },
    select: { environments: { select: { id: true } } },
  });
  const environmentId = org.environments[0].id;
  const id = "we_bench";
  const secret = newSigningSecret();
  await db().webhookEndpoint.create({
    data: {
      id,
      environmentId,
      name: "Bench sink",
      url: sink,
      eventTypes: JSON.stringify(["card.created"]),
      status: "paused",
      secret: sealSigningSecret(secret, { id, name: "Bench sink" }),
      createdByLabel: "bench",
      updatedByLabel: "bench",
    },
  });
  const endpoint = {
    id,
    name: "Bench sink",
    secret: (await db().webhookEndpoint.findUniqueOrThrow({ where: { id } })).secret,
    previousSecret: null,
    previousSecretExpiresAt: null,
  };
  const worker = startWebhookWorker({ maintenanceIntervalMs: 0 });
  const concurrency = config().webhooks.concurrency;
  let sequence = 0;
  const card = () => ({ id: `card_${sequence}`, title: `Card ${sequence++}`, status: "open" });

  async function fill(n: number) {
    await db().webhookEndpoint.update({ where: { id }, data: { status: "paused" } });
    for (let done = 0; done < n;) {
      const batch = Math.min(100, n - done);
      await db().$transaction(async (tx) => {
        for (let i = 0; i < batch; i++)
          await emitEvent(tx, { environmentId, type: "card.created", data: card() });
      });
      done += batch;
    }
  }

  async function plain(n: number) {
    let next = 0;
    let failed = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < n) {
          const i = next++;
          const payload = JSON.stringify({
            type: "card.created",
            timestamp: new Date().toISOString(),
            data: card(),
          });
          const headers = {
            "content-type": "application/json",
            "user-agent": USER_AGENT,
            ...signatureHeaders(endpoint, `msg_plain_${i}`, payload, new Date()),
          };
          const sent = await sendOutbound(
            { method: "POST", url: sink!, headers, body: payload },
            { followRedirects: false, totalTimeoutMs: 15_000 },
          );
          if (!sent.ok || sent.response.status >= 300) failed++;
        }
      }),
    );
    return { failed };
  }

  async function steady(rate: number, seconds: number) {
    const total = Math.round(rate * seconds);
    const commits: { id: string; committedAt: number }[] = [];
    let failed = 0;
    const start = performance.now();
    const emitting: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      emitting.push(
        (async () => {
          const { eventId } = await db().$transaction((tx) =>
            emitEvent(tx, { environmentId, type: "card.created", data: card() }),
          );
          const committedAt = performance.timeOrigin + performance.now();
          const [message] = await db().webhookMessage.findMany({ where: { eventId }, select: { id: true } });
          commits.push({ id: message.id, committedAt });
        })().catch((error: unknown) => {
          // An event that could not be committed (a saturated machine) is counted, not fatal.
          failed++;
          if (failed === 1) console.error(`emit failed: ${(error as Error).message.split("\n").pop()}`);
        }),
      );
    }
    await Promise.all(emitting);
    return { commits, failed };
  }

  const control = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const n = Number(url.searchParams.get("n") ?? 0);
    const answer = (work: Promise<unknown>) =>
      work.then(
        (body) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body ?? {})),
        (error: unknown) => res.writeHead(500).end(String((error as Error).stack ?? error)),
      );
    req.resume();
    if (url.pathname === "/fill") return void answer(fill(n));
    if (url.pathname === "/resume")
      return void answer(
        db()
          .webhookEndpoint.update({ where: { id }, data: { status: "enabled" } })
          .then(() => nudgeWebhookWorker()),
      );
    if (url.pathname === "/plain") return void answer(plain(n));
    if (url.pathname === "/steady")
      return void answer(
        steady(Number(url.searchParams.get("rate") ?? 100), Number(url.searchParams.get("seconds") ?? 10)),
      );
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));
  process.stdout.write(`${JSON.stringify({ port: (control.address() as AddressInfo).port, concurrency })}\n`);
  process.on("SIGTERM", () => void worker.stop({ graceMs: 1000 }).then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
