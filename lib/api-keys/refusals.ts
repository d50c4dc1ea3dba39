import "server-only";
import { db } from "../db";
import { batchedWriter } from "../db/batched-writer";
import { MAX_REFUSALS_PER_KEY, type RefusalParams, type RefusalReason } from "./refusal-reasons";

// The last refused requests per key, for the key page. Like the usage counters they are kept in
// memory and written in batches every couple of seconds (and on shutdown), so a refusal costs
// the API an array push, not a database write. At most 50 are kept per key (a ring: older rows
// are deleted as new ones are written) and at most a few thousand wait in memory.

export type RefusalRecord = {
  at: number;
  status: number;
  reason: RefusalReason;
  detail: string;
  params: RefusalParams;
  method: string;
  path: string;
  ip: string | null;
  userAgent: string | null;
};

/** Whose refusal: a key by id, or by client ID (a wrong secret names only the client ID). */
export type RefusalOwner = { keyId: string } | { clientId: string };

type Pending = { byOwner: Map<string, RefusalRecord[]>; size: number };

const MAX_PENDING = 5_000;

const writer = batchedWriter<Pending>({
  name: "api-keys.refusals",
  empty: () => ({ byOwner: new Map(), size: 0 }),
  isEmpty: (pending) => pending.size === 0,
  async write(batch) {
    for (const [id, records] of batch.byOwner) {
      // A key deleted meanwhile (foreign key) or a database away: these refusals are dropped.
      await writeOwner(id, records).catch(() => undefined);
      batch.byOwner.delete(id); // in the database now: no longer one of `refusalsOfKey`'s unwritten
    }
  },
});

const ownerKey = (owner: RefusalOwner) => ("keyId" in owner ? `k:${owner.keyId}` : `c:${owner.clientId}`);

export function recordRefusal(owner: RefusalOwner, record: Omit<RefusalRecord, "at">): void {
  const pending = writer.pending;
  if (pending.size >= MAX_PENDING) return; // under a flood, the first ones already tell the story
  const id = ownerKey(owner);
  let list = pending.byOwner.get(id);
  if (!list) pending.byOwner.set(id, (list = []));
  list.push({
    ...record,
    at: Date.now(),
    detail: record.detail.slice(0, 500),
    path: record.path.split("?")[0].slice(0, 300),
    userAgent: record.userAgent?.slice(0, 300) ?? null,
  });
  pending.size += 1;
  if (list.length > MAX_REFUSALS_PER_KEY) {
    list.shift();
    pending.size -= 1;
  }
  writer.schedule();
}

async function writeOwner(id: string, records: RefusalRecord[]): Promise<void> {
  const apiKeyId = id.startsWith("k:")
    ? id.slice(2)
    : (await db().apiKey.findUnique({ where: { clientId: id.slice(2) }, select: { id: true } }))?.id;
  if (!apiKeyId) return;
  await db().apiKeyRefusal.createMany({
    data: records.map((r) => ({
      apiKeyId,
      createdAt: new Date(r.at),
      status: r.status,
      reason: r.reason,
      detail: r.detail,
      params: JSON.stringify(r.params),
      method: r.method,
      path: r.path,
      ip: r.ip,
      userAgent: r.userAgent,
    })),
  });
  // The ring: keep the newest 50.
  const boundary = await db().apiKeyRefusal.findFirst({
    where: { apiKeyId },
    orderBy: { id: "desc" },
    skip: MAX_REFUSALS_PER_KEY - 1,
    select: { id: true },
  });
  if (boundary) await db().apiKeyRefusal.deleteMany({ where: { apiKeyId, id: { lt: boundary.id } } });
}

/** Writes the pending refusals now. */
export const flushRefusals = (): Promise<void> => writer.flush();

export type RefusalView = Omit<RefusalRecord, "at" | "reason"> & { at: Date; reason: string };

/** The key's refusals, newest first: written ones and those this instance has not written yet. */
export async function refusalsOfKey(keyId: string): Promise<RefusalView[]> {
  const rows = await db().apiKeyRefusal.findMany({
    where: { apiKeyId: keyId },
    // Written in batches per owner (a wrong secret under its client ID): the time orders them.
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MAX_REFUSALS_PER_KEY,
  });
  const written: RefusalView[] = rows.map((row) => ({
    at: row.createdAt,
    status: row.status,
    reason: row.reason,
    detail: row.detail,
    params: parseParams(row.params),
    method: row.method,
    path: row.path,
    ip: row.ip,
    userAgent: row.userAgent,
  }));
  const unwritten = writer
    .unwritten()
    .flatMap((batch) => batch.byOwner.get(`k:${keyId}`) ?? [])
    .map((r) => ({ ...r, at: new Date(r.at) }));
  return [...unwritten, ...written]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, MAX_REFUSALS_PER_KEY);
}

function parseParams(json: string): RefusalParams {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === "object" && value !== null ? (value as RefusalParams) : {};
  } catch {
    return {};
  }
}
