import { databasePoolStats, db } from "../db";

// Figures /metrics reads at scrape time.

/** PostgreSQL's connection pool of this instance (null on SQLite). */
export function databasePool(): { inUse: number; idle: number; waiting: number } | null {
  const stats = databasePoolStats();
  return stats ? { inUse: stats.total - stats.idle, idle: stats.idle, waiting: stats.waiting } : null;
}

/** Outgoing webhook messages waiting for delivery (all instances share the queue). */
export function webhookQueueDepth(): Promise<number> {
  return db().webhookMessage.count({ where: { status: "pending" } });
}
