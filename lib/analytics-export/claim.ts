import "server-only";
import { leasedRows } from "../db/leases";

// Batches are claimed with leases (lib/db/leases.ts), as the webhook engine claims messages, so
// any number of exporters (instances) share the uploads without two holding the same batch.
const batches = leasedRows({ table: "analytics_batch" });

/** Claims up to `limit` due batches for `owner` until `leaseUntil`; returns their ids. */
export const claimDueBatches = batches.claim;
/** Keeps the lease of a batch still being uploaded (a heartbeat). */
export const extendBatchLeases = batches.extend;
/** Gives batches back (shutdown): another exporter may claim them at once. */
export const releaseBatchLeases = batches.release;
