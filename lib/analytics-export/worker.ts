import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { config } from "../config";
import { claimDueBatches, extendBatchLeases, releaseBatchLeases } from "./claim";
import { cutDueBatches } from "./cut";
import { recordOutcome, uploadBatch, type ExportDeps } from "./export-batch";
import { pruneExportedBatches } from "./prune";

// The analytics exporter inside each server process: every poll it cuts the batches whose interval
// has ended and settled, then claims due batches with a lease and uploads them one at a time,
// renewing the lease meanwhile. On stop it claims nothing more, lets the upload in flight finish
// within the grace period and gives back the lease otherwise. Instances share the work through the
// leases and the unique (bucket, interval) of a batch, so each batch is one object, written once
// unless a crash forces the same bytes to the same key again. Hourly, the rows of exported batches
// older than the event retention are pruned.

export type AnalyticsExporterOptions = {
  intervalMs?: number;
  settleMs?: number;
  /** Pause between rounds; 0 runs no loop (rounds only through runOnce). */
  pollMs?: number;
  leaseMs?: number;
  deps?: ExportDeps;
  log?: (message: string) => void;
};

export type AnalyticsExporter = {
  readonly id: string;
  /** Runs one cut-and-export round now (tests; the loop runs them on its own). */
  runOnce(): Promise<{ cut: number; exported: number; failed: number }>;
  stop(options?: { graceMs?: number }): Promise<{ released: number }>;
};

const CLAIM_LIMIT = 4;

export function startAnalyticsExporter(options: AnalyticsExporterOptions = {}): AnalyticsExporter {
  const settings = config().analyticsExport;
  const intervalMs = options.intervalMs ?? settings.intervalSeconds * 1000;
  const settleMs = options.settleMs ?? settings.settleSeconds * 1000;
  const pollMs = options.pollMs ?? Math.min(15_000, Math.max(250, Math.floor(intervalMs / 4)));
  // The same claim length as webhook messages (WORKBENCH_WEBHOOK_LEASE_SECONDS), renewed while uploading.
  const leaseMs = options.leaseMs ?? config().webhooks.leaseSeconds * 1000;
  const log = options.log ?? ((message: string) => console.error(`analytics export: ${message}`));
  const id = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const held = new Set<string>();
  let running = true;
  let timer: NodeJS.Timeout | null = null;
  let round: Promise<unknown> = Promise.resolve();

  let lastPrune = 0;
  async function once() {
    const result = { cut: 0, exported: 0, failed: 0 };
    if (Date.now() - lastPrune >= 60 * 60 * 1000) {
      lastPrune = Date.now();
      await pruneExportedBatches(config().webhooks.retentionDays);
    }
    result.cut = await cutDueBatches({ intervalMs, settleMs });
    while (running) {
      const now = new Date();
      const ids = await claimDueBatches(id, CLAIM_LIMIT, now, new Date(now.getTime() + leaseMs));
      for (const batch of ids) held.add(batch);
      for (const batch of ids) {
        if (!running) break;
        const outcome = await uploadBatch(batch, options.deps);
        if (await recordOutcome(id, batch, outcome)) {
          if (outcome.ok) result.exported++;
          else result.failed++;
        }
        held.delete(batch);
      }
      if (ids.length < CLAIM_LIMIT) break;
    }
    return result;
  }

  const runOnce = () => {
    const next = round.then(once, once);
    round = next.catch(() => undefined);
    return next;
  };

  const heartbeat = setInterval(
    () => {
      if (held.size === 0) return;
      void extendBatchLeases(id, [...held], new Date(Date.now() + leaseMs)).catch((error: unknown) =>
        log(`renewing leases failed: ${(error as Error).message}`),
      );
    },
    Math.max(250, Math.floor(leaseMs / 3)),
  );
  heartbeat.unref();

  const tick = () => {
    if (!running) return;
    runOnce()
      .catch((error: unknown) => {
        if (running) log(`export round failed: ${(error as Error).message}`);
      })
      .finally(() => {
        if (running) timer = setTimeout(tick, pollMs);
      });
  };
  // Spread over instances that started together.
  if (pollMs > 0) timer = setTimeout(tick, 500 + Math.floor(Math.random() * 1000));

  return {
    id,
    runOnce,
    async stop({ graceMs = 5000 } = {}) {
      if (!running) return { released: 0 };
      running = false;
      if (timer) clearTimeout(timer);
      clearInterval(heartbeat);
      const finished = await Promise.race([
        round.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), graceMs).unref()),
      ]);
      if (finished && held.size === 0) return { released: 0 };
      return { released: await releaseBatchLeases(id, [...held]) };
    },
  };
}
