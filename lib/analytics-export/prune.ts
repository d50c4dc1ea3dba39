import "server-only";
import { db } from "../db";

const PRUNE_BATCH = 500;
const PRUNE_MAX_BATCHES = 20;

/**
 * Deletes the rows of exported batches older than the retention (the events' own, so the history
 * lasts as long as the outbox it describes), in batches. The newest batch of each bucket stays: it
 * is where the next cut starts. Batches still waiting or failing are kept whatever their age.
 */
export async function pruneExportedBatches(retentionDays: number, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
  const newest = await db().analyticsBatch.groupBy({ by: ["integrationId"], _max: { intervalStart: true } });
  const keep = new Map(newest.map((row) => [row.integrationId, row._max.intervalStart?.getTime()]));
  let deleted = 0;
  let after = "";
  for (let round = 0; round < PRUNE_MAX_BATCHES; round++) {
    const rows = await db().analyticsBatch.findMany({
      where: { status: "exported", createdAt: { lt: cutoff }, id: { gt: after } },
      select: { id: true, integrationId: true, intervalStart: true },
      orderBy: { id: "asc" },
      take: PRUNE_BATCH,
    });
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    const ids = rows
      .filter((row) => keep.get(row.integrationId) !== row.intervalStart.getTime())
      .map((row) => row.id);
    if (ids.length) deleted += (await db().analyticsBatch.deleteMany({ where: { id: { in: ids } } })).count;
    if (rows.length < PRUNE_BATCH) break;
  }
  return deleted;
}
