// Exporting the event outbox to S3 analytics buckets: batches per interval, leased uploads.
export { startAnalyticsExporter, type AnalyticsExporter, type AnalyticsExporterOptions } from "./worker";
export { cutDueBatches, cutBucket } from "./cut";
export { pruneExportedBatches } from "./prune";
export { claimDueBatches, releaseBatchLeases } from "./claim";
export { batchBody, recordOutcome, uploadBatch, type ExportOutcome } from "./export-batch";
export {
  listAnalyticsExports,
  retryAnalyticsExport,
  type AnalyticsBatchView,
  type AnalyticsExportView,
} from "./service";
