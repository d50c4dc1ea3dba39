import { z } from "zod";

const recordId = z.string().trim().min(1, "Missing id.").max(100, "That id is too long.");

/** "Retry now": the failing batches of one S3 analytics bucket are attempted at once. */
export const retryAnalyticsExportInput = z.object({ id: recordId });
export type RetryAnalyticsExportInput = z.infer<typeof retryAnalyticsExportInput>;
