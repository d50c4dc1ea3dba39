// Fixed-window rate limiting that holds across instances without a database write per request.
// An instance spends a window's allowance from leases: blocks it reserves from the shared count
// with one atomic upsert that returns the window's total (so a reservation never takes more than
// is left). A block is a quarter of what is left (at most 1,000), so a key far from its limit is
// decided synchronously from its lease almost always, and one near it reserves one request at a
// time — however many instances share the table, the requests they admit stay within the
// limit. When the shared store is unavailable an instance decides on its own counts and adds
// them to the shared total when it is back (every ~250 ms).

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
  /** Counted here, not yet added to the shared total (only while the store is unavailable). */
  pending: number;
  /** Reserved in the shared total and not yet spent here. */
  lease: number;
  /** A reservation under way (concurrent requests wait for it rather than reserve again). */
  reserving: Promise<void> | null;
  /** Until then the store failed: decide on local counts (kept in `pending`). */
  offlineUntil: number;
  known: Promise<void> | null;
};

/** The largest block one reservation takes, and the share of what is left it takes. */
const MAX_LEASE = 1_000;
const LEASE_SHARE = 4;
const OFFLINE_RETRY_MS = 1_000;

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
      const fresh: Entry = {
        windowStart,
        windowMs: rule.windowMs,
        global: 0,
        pending: 0,
        lease: 0,
        reserving: null,
        offlineUntil: 0,
        known: null,
      };
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
        return decideKnown(key, entry, rule, now, count);
      });
    }
    return decideKnown(key, entry, rule, now, count);
  }

  function refusal(entry: Entry, rule: RateLimitRule, now: number): RateDecision {
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((entry.windowStart + rule.windowMs - now) / 1000)),
    };
  }

  function decideKnown(
    key: string,
    entry: Entry,
    rule: RateLimitRule,
    now: number,
    count: boolean,
  ): RateDecision | Promise<RateDecision> {
    // Spent so far: the shared total minus what this instance reserved and has not spent yet.
    const used = entry.global - entry.lease + entry.pending;
    if (!count)
      return used >= rule.limit ? refusal(entry, rule, now) : { allowed: true, remaining: rule.limit - used };
    if (entry.lease > 0) {
      entry.lease--;
      return { allowed: true, remaining: Math.max(0, rule.limit - used - 1) };
    }
    if (entry.global + entry.pending >= rule.limit) return refusal(entry, rule, now);
    if (now < entry.offlineUntil) {
      entry.pending++;
      return { allowed: true, remaining: rule.limit - used - 1 };
    }
    entry.reserving ??= reserve(key, entry, rule, now).finally(() => {
      entry.reserving = null;
    });
    return entry.reserving.then(() => decideKnown(key, entry, rule, now, count));
  }

  /** Takes a block of the window's allowance from the shared count, atomically. */
  async function reserve(key: string, entry: Entry, rule: RateLimitRule, now: number): Promise<void> {
    const left = rule.limit - entry.global - entry.pending;
    const block = Math.max(1, Math.min(MAX_LEASE, Math.floor(left / LEASE_SHARE)));
    try {
      const [total] = await store.add([{ key, windowStart: entry.windowStart, delta: block }]);
      // Past the limit, only the part of the block that fitted is this instance's to spend.
      const granted = Math.max(0, block - Math.max(0, total.count - rule.limit));
      entry.global = Math.max(entry.global + block, total.count);
      entry.lease += granted;
    } catch {
      entry.offlineUntil = now + OFFLINE_RETRY_MS; // the store is unavailable: count locally for now
    }
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
