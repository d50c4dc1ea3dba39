// Fixed-window rate limiting that holds across instances without a database write per request.
// Each instance counts locally and, every ~250 ms, adds its new counts to a shared table with
// one atomic upsert that returns the windows' totals. The first time an instance sees a key in
// a window it reads the shared total before deciding. Several instances can together overshoot
// a limit by at most (their request rate × the sync interval) — a few requests, not a multiple.

export type RateLimitRule = { limit: number; windowMs: number };

export type RateDecision =
  { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export type WindowDelta = { key: string; windowStart: number; delta: number };

/** Shared counters (the RateLimitWindow table, or memory in unit tests). */
export type RateLimitStore = {
  read(key: string, windowStart: number): Promise<number>;
  /** Adds the deltas atomically and returns each window's new total. */
  add(deltas: WindowDelta[]): Promise<{ key: string; windowStart: number; count: number }[]>;
  prune(olderThan: number): Promise<void>;
};

type Entry = {
  windowStart: number;
  windowMs: number;
  /** The shared total as last seen (including this instance's synced counts). */
  global: number;
  /** Counted here, not yet added to the shared total. */
  pending: number;
  known: Promise<void> | null;
};

/**
 * Decisions are synchronous once a key's window is known on this instance (every request but
 * the first of a window), so the hot path does not wait a turn for them.
 */
export type RateLimiter = {
  /** Counts one request for `key` and decides. */
  hit(key: string, rule: RateLimitRule, now?: number): RateDecision | Promise<RateDecision>;
  /** Decides without counting (e.g. "is this IP already blocked?"). */
  check(key: string, rule: RateLimitRule, now?: number): RateDecision | Promise<RateDecision>;
  /** Pushes local counts to the shared store and learns the totals. */
  sync(now?: number): Promise<void>;
  close(): Promise<void>;
};

export function createRateLimiter(
  store: RateLimitStore,
  options: { syncIntervalMs?: number } = {},
): RateLimiter {
  const entries = new Map<string, Entry>();
  let syncing: Promise<void> | null = null;
  let lastPrune = 0;

  function entryFor(key: string, rule: RateLimitRule, now: number): Entry {
    const windowStart = now - (now % rule.windowMs);
    let entry = entries.get(key);
    if (!entry || entry.windowStart !== windowStart || entry.windowMs !== rule.windowMs) {
      const fresh: Entry = { windowStart, windowMs: rule.windowMs, global: 0, pending: 0, known: null };
      fresh.known = store.read(key, windowStart).then(
        (count) => {
          fresh.global = Math.max(fresh.global, count);
        },
        () => undefined, // the store is unavailable: decide on local counts alone
      );
      entry = fresh;
      entries.set(key, entry);
    }
    return entry;
  }

  function decide(
    key: string,
    rule: RateLimitRule,
    now: number,
    count: boolean,
  ): RateDecision | Promise<RateDecision> {
    const entry = entryFor(key, rule, now);
    if (entry.known) {
      return entry.known.then(() => {
        entry.known = null;
        return decideKnown(entry, rule, now, count);
      });
    }
    return decideKnown(entry, rule, now, count);
  }

  function decideKnown(entry: Entry, rule: RateLimitRule, now: number, count: boolean): RateDecision {
    const used = entry.global + entry.pending;
    if (used >= rule.limit) {
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((entry.windowStart + rule.windowMs - now) / 1000)),
      };
    }
    if (count) entry.pending++;
    return { allowed: true, remaining: rule.limit - used - (count ? 1 : 0) };
  }

  async function syncNow(now: number): Promise<void> {
    const deltas: WindowDelta[] = [];
    const batch = new Map<string, Entry>();
    for (const [key, entry] of entries) {
      if (entry.windowStart + entry.windowMs <= now) {
        entries.delete(key);
        continue;
      }
      if (entry.pending > 0) {
        deltas.push({ key, windowStart: entry.windowStart, delta: entry.pending });
        batch.set(key, entry);
        entry.global += entry.pending;
        entry.pending = 0;
      }
    }
    if (deltas.length) {
      try {
        for (const total of await store.add(deltas)) {
          const entry = batch.get(total.key);
          if (entry && entry.windowStart === total.windowStart)
            entry.global = Math.max(entry.global, total.count);
        }
      } catch {
        for (const d of deltas) {
          const entry = batch.get(d.key);
          if (entry) {
            entry.global -= d.delta;
            entry.pending += d.delta;
          }
        }
      }
    }
    if (now - lastPrune > 60_000) {
      lastPrune = now;
      await store.prune(now - 24 * 60 * 60 * 1000).catch(() => undefined);
    }
  }

  function sync(now = Date.now()): Promise<void> {
    if (!syncing) {
      syncing = syncNow(now).finally(() => {
        syncing = null;
      });
    }
    return syncing;
  }

  const timer = setInterval(() => void sync(), options.syncIntervalMs ?? 250);
  timer.unref();

  return {
    hit: (key, rule, now = Date.now()) => decide(key, rule, now, true),
    check: (key, rule, now = Date.now()) => decide(key, rule, now, false),
    sync,
    async close() {
      clearInterval(timer);
      if (syncing) await syncing;
      await sync();
    },
  };
}

/** A store in memory: for unit tests and for a single instance without a database. */
export function memoryRateLimitStore(): RateLimitStore {
  const counts = new Map<string, number>();
  const id = (key: string, windowStart: number) => `${windowStart}|${key}`;
  return {
    async read(key, windowStart) {
      return counts.get(id(key, windowStart)) ?? 0;
    },
    async add(deltas) {
      return deltas.map((d) => {
        const count = (counts.get(id(d.key, d.windowStart)) ?? 0) + d.delta;
        counts.set(id(d.key, d.windowStart), count);
        return { key: d.key, windowStart: d.windowStart, count };
      });
    },
    async prune(olderThan) {
      for (const k of counts.keys()) if (Number(k.split("|")[0]) < olderThan) counts.delete(k);
    },
  };
}
