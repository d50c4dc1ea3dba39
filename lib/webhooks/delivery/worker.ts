import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { config } from "../../config";
import { claimDue, extendLeases, loadClaimed, releaseLeases } from "./claim";
import {
  attemptDelivery,
  completionOf,
  recordAttempts,
  type Completion,
  type DeliverySend,
  type MessageForDelivery,
} from "./deliver";
import { emitExpiryNotices, pruneWebhookHistory } from "./maintenance";
import { endSilentGraces } from "../../api-keys/grace";
import { pruneObservedAddresses } from "../../api-keys/traffic";
import { emitSecretExpiryNotices } from "../../credentials/secret-expiry";
import { onNudge } from "./nudge";

// The delivery worker inside each server process. It claims due messages with a lease (see
// claim.ts), delivers up to `concurrency` at once, keeps the leases of those in flight alive, and
// on stop claims nothing more, waits for the deliveries in flight and gives back the leases of
// any that did not finish in time. A process that dies keeps its leases until they run out; then
// any worker takes its messages again (at least once: a delivery that reached the endpoint just
// before the crash is sent again).

export type WebhookWorkerOptions = {
  concurrency?: number;
  leaseMs?: number;
  /** Pause between polls when nothing was due (a nudge from this process skips it). */
  idlePollMs?: number;
  /** Seconds before each attempt (config: WORKBENCH_WEBHOOK_RETRY_SCHEDULE). */
  schedule?: readonly number[];
  retentionDays?: number;
  /** How often the periodic jobs run (expiry notices, rotation graces, pruning); 0 = never. */
  maintenanceIntervalMs?: number;
  send?: DeliverySend;
  log?: (message: string) => void;
};

export type WebhookWorker = {
  /** This worker's lease owner: host, process and a random suffix. */
  readonly id: string;
  inFlight(): number;
  /** Attempts this worker made and recorded since it started. */
  attempts(): number;
  /** Stops claiming; waits up to graceMs for deliveries in flight, then releases the rest. */
  stop(options?: { graceMs?: number }): Promise<{ released: number }>;
};

const FLUSH_DELAY_MS = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function startWebhookWorker(options: WebhookWorkerOptions = {}): WebhookWorker {
  const settings = config().webhooks;
  const concurrency = options.concurrency ?? settings.concurrency;
  const leaseMs = options.leaseMs ?? settings.leaseSeconds * 1000;
  const idlePollMs = options.idlePollMs ?? 100;
  const schedule = options.schedule ?? settings.retrySchedule;
  const retentionDays = options.retentionDays ?? settings.retentionDays;
  const maintenanceIntervalMs = options.maintenanceIntervalMs ?? 60_000;
  const log = options.log ?? ((message: string) => console.error(`webhooks: ${message}`));
  const id = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

  // Messages this worker holds the lease of: being sent, or sent and waiting to be recorded.
  const held = new Set<string>();
  const sending = new Map<string, Promise<void>>();
  let recorded = 0;
  let running = true;
  let woken = false;
  let wakeUp: (() => void) | null = null;
  // Whether the last claim filled every free slot: then more may be due, and a slot freed by a
  // finished delivery is filled at once rather than at the next poll.
  let moreMayBeDue = false;
  // After a nudge, poll again soon, then less and less often: the nudge comes from inside the
  // emitting transaction, a little before its commit makes the message visible.
  let nudgedAt = Number.NEGATIVE_INFINITY;

  const wake = () => {
    woken = true;
    wakeUp?.();
  };
  const rest = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || !running) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });
  const unsubscribe = onNudge(() => {
    nudgedAt = Date.now();
    wake();
  });

  // Attempts are recorded in batches (group commit): one flush at a time takes everything that
  // finished meanwhile, so a busy worker writes once per batch rather than once per delivery.
  const toRecord: Completion[] = [];
  let flushing: Promise<void> | null = null;
  async function flush() {
    while (toRecord.length) {
      const batch = toRecord.splice(0, 200);
      try {
        await recordAttempts(batch, id);
        recorded += batch.length;
      } catch (error) {
        // The leases stay: after they run out the messages are attempted again (at least once).
        log(`${batch.length} attempt(s) not recorded: ${(error as Error).message}`);
      }
      for (const completion of batch) held.delete(completion.message.id);
      if (moreMayBeDue) wake();
    }
    flushing = null;
  }
  const batchSize = Math.max(1, Math.floor(concurrency / 2));
  // A flush waits up to FLUSH_DELAY_MS for more deliveries to finish, unless a batch is ready or
  // nothing else is being sent.
  let flushTimer: NodeJS.Timeout | null = null;
  const startFlush = () => {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    flushing ??= flush();
  };
  function record(completion: Completion) {
    toRecord.push(completion);
    if (flushing) return;
    if (toRecord.length >= batchSize || sending.size <= 1 || !running) startFlush();
    else flushTimer ??= setTimeout(startFlush, FLUSH_DELAY_MS);
  }

  function deliver(message: MessageForDelivery) {
    held.add(message.id);
    const work = attemptDelivery(message, { send: options.send })
      .then((result) => record(completionOf(message, result, schedule)))
      .catch((error: unknown) => {
        held.delete(message.id);
        log(`delivery of ${message.id} failed: ${(error as Error).message}`);
      })
      .finally(() => {
        sending.delete(message.id);
        if (moreMayBeDue && concurrency - sending.size >= batchSize) wake();
      });
    sending.set(message.id, work);
  }

  async function claimSome(): Promise<void> {
    // Slots: `concurrency` requests at once, and no more than as many again waiting to be recorded.
    // While deliveries are running, claim in batches (when half the slots are free).
    const free = Math.min(concurrency - sending.size, 2 * concurrency - held.size);
    if (free <= 0 || (sending.size > 0 && free < batchSize)) return;
    const now = new Date();
    const ids = await claimDue(id, free, now, new Date(now.getTime() + leaseMs));
    moreMayBeDue = ids.length === free;
    if (ids.length === 0) return;
    for (const message of await loadClaimed(id, ids)) deliver(message);
  }

  async function loop() {
    while (running) {
      woken = false;
      let pause = Math.min(idlePollMs, Math.max(5, Date.now() - nudgedAt));
      try {
        await claimSome();
      } catch (error) {
        if (!running) break;
        log(`claiming failed: ${(error as Error).message}`);
        pause = Math.max(idlePollMs, 1000);
      }
      await rest(pause);
    }
  }

  const heartbeat = setInterval(
    () => {
      if (held.size === 0) return;
      void extendLeases(id, [...held], new Date(Date.now() + leaseMs)).catch((error: unknown) =>
        log(`renewing leases failed: ${(error as Error).message}`),
      );
    },
    Math.max(250, Math.floor(leaseMs / 3)),
  );
  heartbeat.unref();

  let maintenance: NodeJS.Timeout | null = null;
  let maintaining: Promise<void> = Promise.resolve();
  let lastPrune = 0;
  if (maintenanceIntervalMs > 0) {
    const runMaintenance = () => {
      maintaining = (async () => {
        try {
          await emitExpiryNotices();
          await endSilentGraces();
          await emitSecretExpiryNotices();
          if (Date.now() - lastPrune >= 60 * 60 * 1000) {
            lastPrune = Date.now();
            await pruneWebhookHistory(retentionDays);
            await pruneObservedAddresses();
          }
        } catch (error) {
          if (running) log(`periodic job failed: ${(error as Error).message}`);
        }
      })();
    };
    // Spread over instances that started together.
    maintenance = setInterval(runMaintenance, maintenanceIntervalMs);
    maintenance.unref();
    setTimeout(runMaintenance, 1000 + Math.floor(Math.random() * 2000)).unref();
  }

  const looping = loop();

  return {
    id,
    inFlight: () => held.size,
    attempts: () => recorded,
    async stop({ graceMs = 5000 } = {}) {
      if (!running) return { released: 0 };
      running = false;
      unsubscribe();
      clearInterval(heartbeat);
      if (maintenance) clearInterval(maintenance);
      wake();
      await looping;
      await maintaining;
      const settled = (async () => {
        await Promise.allSettled([...sending.values()]);
        if (toRecord.length) startFlush();
        while (flushing) await flushing;
        return true;
      })();
      const finished = await Promise.race([settled, sleep(graceMs).then(() => false)]);
      if (finished) return { released: 0 };
      const released = await releaseLeases(id, [...held]);
      return { released };
    },
  };
}
