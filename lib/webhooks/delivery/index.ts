// The webhook delivery engine: the worker each server process runs, and what it is built from.
export { startWebhookWorker, type WebhookWorker, type WebhookWorkerOptions } from "./worker";
export { nudgeWebhookWorker } from "./nudge";
export { emitExpiryNotices, pruneWebhookHistory } from "./maintenance";
export { DELIVERY_TIMEOUT_MS, USER_AGENT } from "./deliver";
export { nextStep, parseRetryAfter, DISABLE_AFTER_MS } from "./schedule";
export { deliverNow } from "./now";
