import { processSingleton } from "./singleton";

// Statistics recorded on the request path (usage counters, last use, refused requests, observed
// addresses…) are gathered in memory and written in batches every couple of seconds and on
// shutdown, so a request costs a map update, not a database write. This is the one mechanism:
// each kind of record names its pending structure and how to write it; the writer owns the
// timer, keeps two flushes from overlapping and is flushed by the server on shutdown.

export type BatchedWriterSpec<P> = {
  /** A process-wide name (one writer per name, kept across module reloads). */
  name: string;
  /** A fresh, empty pending structure. */
  empty: () => P;
  isEmpty: (pending: P) => boolean;
  /**
   * Writes one batch. `requeue` gives the pending structure that collects new records meanwhile,
   * for putting back what could not be written (the database was unavailable).
   */
  write: (batch: P, requeue: P) => Promise<void>;
  intervalMs?: number;
};

export type BatchedWriter<P> = {
  /** The structure new records go into; call `schedule()` after adding to it. */
  readonly pending: P;
  /**
   * What is not in the database yet: `pending`, and the batch being written if there is one (its
   * records have left `pending` but may not be written yet), for readers that merge them.
   */
  unwritten(): P[];
  schedule(): void;
  flush(): Promise<void>;
  stop(): void;
  /** Drops the pending records unwritten (tests switching databases). */
  discard(): void;
};

type WriterState<P> = {
  pending: P;
  writing: P | null;
  timer: ReturnType<typeof setInterval> | null;
  flushing: Promise<void> | null;
};

// The registry is a plain global, not a processSingleton: the writers are module-level, and tests
// that switch databases (resetProcessState clears the singletons) must still reach their timers.
const REGISTRY = Symbol.for("batched-writers");
const writers = (): Map<string, BatchedWriter<unknown>> =>
  ((globalThis as unknown as Record<symbol, Map<string, BatchedWriter<unknown>>>)[REGISTRY] ??= new Map());

export function batchedWriter<P>(spec: BatchedWriterSpec<P>): BatchedWriter<P> {
  // Looked up on every use, never captured: a process-state reset (the test suites' switch to
  // another database) starts from an empty writer instead of flushing old records into the new one.
  const name = `db.batched-writer.${spec.name}`; // built once: a new string per call was hashed per call
  const state = () =>
    processSingleton<WriterState<P>>(name, () => ({
      pending: spec.empty(),
      writing: null,
      timer: null,
      flushing: null,
    }));

  const flushOnce = async (s: WriterState<P>) => {
    const batch = s.pending;
    s.pending = spec.empty();
    s.writing = batch;
    try {
      await spec.write(batch, s.pending);
    } finally {
      s.writing = null;
    }
  };

  const writer: BatchedWriter<P> = {
    get pending() {
      return state().pending;
    },
    unwritten() {
      const s = state();
      return s.writing ? [s.pending, s.writing] : [s.pending];
    },
    schedule() {
      const s = state();
      if (s.timer) return;
      writers().set(spec.name, writer as BatchedWriter<unknown>);
      s.timer = setInterval(() => void writer.flush().catch(() => undefined), spec.intervalMs ?? 2_000);
      s.timer.unref();
    },
    async flush() {
      const s = state();
      while (s.flushing) await s.flushing;
      if (spec.isEmpty(s.pending)) return;
      s.flushing = flushOnce(s).finally(() => {
        s.flushing = null;
      });
      await s.flushing;
    },
    stop() {
      const s = state();
      if (s.timer) clearInterval(s.timer);
      s.timer = null;
    },
    discard() {
      state().pending = spec.empty();
    },
  };
  return writer;
}

/** Writes every writer's pending records and stops their timers (the server's shutdown). */
export async function flushBatchedWriters(): Promise<void> {
  for (const writer of writers().values()) {
    await writer.flush().catch(() => undefined);
    writer.stop();
  }
}

/** Stops every writer and drops what it had not written: a test moving to a fresh database. */
export function discardBatchedWriters(): void {
  for (const writer of writers().values()) {
    writer.stop();
    writer.discard();
  }
}

/**
 * A pending count per thing and period (a key's hour, a key and permission's day), looked up by
 * the thing alone on the request path: no period in the map key, so no string built and hashed
 * per request for it. When the period has moved on (midnight, the top of the hour), the entry
 * still waiting moves under "thing|period" and a new one is made; `period` names the entries'
 * field holding it.
 */
export function periodEntry<K extends string, E extends Record<K, number>>(
  pending: Map<string, E>,
  thing: string,
  period: K,
  value: number,
  create: () => E,
): E {
  const entry = pending.get(thing);
  if (entry !== undefined && entry[period] === value) return entry;
  if (entry !== undefined) pending.set(`${thing}|${entry[period]}`, entry);
  const fresh = create();
  pending.set(thing, fresh);
  return fresh;
}

/**
 * Puts back an entry of `thing` that could not be written (see periodEntry): added to the
 * pending entry of the same thing and period if there is one, kept as it is otherwise.
 */
export function requeuePeriodEntry<K extends string, E extends Record<K, number>>(
  pending: Map<string, E>,
  thing: string,
  period: K,
  entry: E,
  add: (into: E, from: E) => void,
): void {
  const current = pending.get(thing);
  const id = current !== undefined && current[period] === entry[period] ? thing : `${thing}|${entry[period]}`;
  const into = pending.get(id);
  if (into === undefined) pending.set(id, entry);
  else add(into, entry);
}
