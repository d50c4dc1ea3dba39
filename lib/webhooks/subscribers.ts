import "server-only";
import { processSingleton } from "../db/singleton";
import { dialectQuery, rows, type TransactionWork } from "../db/prepared";

// Which endpoints of an environment receive its events, kept in memory per environment for the
// API's writes (lib/webhooks/emit.ts `emitEventPrepared`), so a write does not read the
// endpoints table each time.
//
// Correctness:
// - On this instance an event never misses an endpoint whose change committed before the
//   event read its endpoints: every change that can add a subscription (create, edit, resume)
//   runs inside `changingEndpoints`, which empties the environment's entry before the change
//   and again after it commits or fails, and while a change is in flight events read the table
//   (inside their own transaction) and keep nothing. On SQLite a write's transaction runs after
//   any open transaction of the connection has ended, so "read" and "commit" coincide.
// - The cache can only list too much, never too little, for this instance: a message is
//   inserted only if its endpoint still exists, is enabled or paused, and subscribes to the
//   type at that moment (the guarded INSERT in emit.ts), so a deleted, disabled or
//   unsubscribed endpoint gets nothing even from a stale entry.
// - Another instance's change (an endpoint created or re-subscribed there) reaches this
//   instance's events within SUBSCRIBERS_TTL_MS, when the entry is read again.
// The lib/ copy in Next's bundle and the server's share the state (processSingleton), so a
// change made by a console action is seen by the API at once.

export const SUBSCRIBERS_TTL_MS = 1_000;

/** The endpoint statuses that receive messages (a paused endpoint's wait for it to resume). */
export const RECEIVING_STATUSES = ["enabled", "paused"] as const;

export type Subscriber = { id: string; eventTypes: readonly string[] };

type State = {
  entries: Map<number, { endpoints: Subscriber[]; loadedAt: number }>;
  /** Changes in flight per environment. */
  changing: Map<number, number>;
  /** Moves on every change, so a read that overlapped one is not kept. */
  generation: number;
};

function state(): State {
  return processSingleton<State>("webhooks.subscribers", () => ({
    entries: new Map(),
    changing: new Map(),
    generation: 0,
  }));
}

/** The event types an endpoint's stored list names (an unreadable list names none). */
export function parseEventTypes(eventTypesJson: string): string[] {
  try {
    const types: unknown = JSON.parse(eventTypesJson);
    return Array.isArray(types) ? types.filter((t): t is string => typeof t === "string") : [];
  } catch {
    return [];
  }
}

const RECEIVING_ENDPOINTS = dialectQuery(
  "webhook_endpoint.receiving",
  () =>
    `SELECT "id", "eventTypes" FROM "webhook_endpoint" WHERE "environmentId" = $1 AND "status" IN (${RECEIVING_STATUSES.map((s) => `'${s}'`).join(", ")})`,
);

/** In a prepared transaction: the environment's receiving endpoints, from memory when fresh. */
export function* receivingEndpoints(environmentId: number): TransactionWork<Subscriber[]> {
  const s = state();
  const now = Date.now();
  const inFlight = (s.changing.get(environmentId) ?? 0) > 0;
  const entry = s.entries.get(environmentId);
  if (entry && !inFlight && now - entry.loadedAt < SUBSCRIBERS_TTL_MS) return entry.endpoints;
  const generation = s.generation;
  const found = yield* rows<{ id: string; eventTypes: string }>(RECEIVING_ENDPOINTS(), [environmentId]);
  const endpoints = found.map((row) => ({ id: row.id, eventTypes: parseEventTypes(row.eventTypes) }));
  if (s.generation === generation && !((s.changing.get(environmentId) ?? 0) > 0))
    s.entries.set(environmentId, { endpoints, loadedAt: now });
  return endpoints;
}

/**
 * Runs a change of the environment's endpoints (`work` commits it); events emitted meanwhile
 * read the table, and the next ones after it read it again.
 */
export async function changingEndpoints<T>(environmentId: number, work: () => Promise<T>): Promise<T> {
  const s = state();
  s.changing.set(environmentId, (s.changing.get(environmentId) ?? 0) + 1);
  forget(s, environmentId);
  try {
    return await work();
  } finally {
    const left = (s.changing.get(environmentId) ?? 1) - 1;
    if (left > 0) s.changing.set(environmentId, left);
    else s.changing.delete(environmentId);
    forget(s, environmentId);
  }
}

function forget(s: State, environmentId: number): void {
  s.entries.delete(environmentId);
  s.generation++;
}

/** Drops what is kept (one environment's, or all): after endpoints were written directly. */
export function forgetReceivingEndpoints(environmentId?: number): void {
  const s = state();
  if (environmentId === undefined) {
    s.entries.clear();
    s.generation++;
  } else forget(s, environmentId);
}
