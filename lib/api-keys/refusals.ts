import "server-only";
import { db, processSingleton } from "../db";
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

type State = {
  pending: Map<string, RefusalRecord[]>;
  size: number;
  timer: ReturnType<typeof setInterval> | null;
  flushing: Promise<void> | null;
};

const FLUSH_INTERVAL_MS = 2_000;
const MAX_PENDING = 5_000;

function state(): State {
  return processSingleton<State>("api-keys.refusals", () => ({
    pending: new Map(),
    size: 0,
    timer: null,
    flushing: null,
  }));
}

const ownerKey = (owner: RefusalOwner) => ("keyId" in owner ? `k:${owner.keyId}` : `c:${owner.clientId}`);

export function recordRefusal(owner: RefusalOwner, record: Omit<RefusalRecord, "at">): void {
  const s = state();
  if (s.size >= MAX_PENDING) return; // under a flood, the first ones already tell the story
  const id = ownerKey(owner);
  let list = s.pending.get(id);
  if (!list) s.pending.set(id, (list = []));
  list.push({
    ...record,
    at: Date.now(),
    detail: record.detail.slice(0, 500),
    path: record.path.split("?")[0].slice(0, 300),
    userAgent: record.userAgent?.slice(0, 300) ?? null,
  });
  s.size += 1;
  if (list.length > MAX_REFUSALS_PER_KEY) {
    list.shift();
    s.size -= 1;
  }
  if (!s.timer) {
    s.timer = setInterval(() => void flushRefusals(), FLUSH_INTERVAL_MS);
    s.timer.unref();
  }
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

async function flushOnce(s: State): Promise<void> {
  const pending = s.pending;
  s.pending = new Map();
  s.size = 0;
  for (const [id, records] of pending) {
    // A key deleted meanwhile (foreign key) or a database away: these refusals are dropped.
    await writeOwner(id, records).catch(() => undefined);
  }
}

export async function flushRefusals(): Promise<void> {
  const s = state();
  while (s.flushing) await s.flushing;
  if (s.size === 0) return;
  s.flushing = flushOnce(s).finally(() => {
    s.flushing = null;
  });
  await s.flushing;
}

export function stopRefusalFlusher(): void {
  const s = state();
  if (s.timer) clearInterval(s.timer);
  s.timer = null;
}

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
  const unwritten = (state().pending.get(`k:${keyId}`) ?? []).map((r) => ({ ...r, at: new Date(r.at) }));
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
