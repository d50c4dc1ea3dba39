import "server-only";
import { processSingleton } from "../db/singleton";

// Per-instance caches (the spec allows these to be per instance). Keys include the credential
// version, so an edit made on any instance is seen as a miss by every instance; on the instance
// that made the edit, `dropCredentialCaches` also frees the old entries at once.

type Entry<T> = { value: T; expiresAt: number };
type Store = { entries: Map<string, Entry<unknown>>; inflight: Map<string, Promise<unknown>> };

const MAX_ENTRIES = 5_000;

function store(): Store {
  return processSingleton<Store>("credentials.cache", () => ({ entries: new Map(), inflight: new Map() }));
}

export type CacheKey = { kind: "oauth_token" | "jwt"; id: string; version: number };
const keyOf = (key: CacheKey) => `${key.kind}|${key.id}|${key.version}`;

export function cacheGet<T>(key: CacheKey, now: number): T | undefined {
  const { entries } = store();
  const entry = entries.get(keyOf(key));
  if (!entry) return undefined;
  if (entry.expiresAt <= now) {
    entries.delete(keyOf(key));
    return undefined;
  }
  return entry.value as T;
}

export function cacheSet<T>(key: CacheKey, value: T, expiresAt: number): void {
  const { entries } = store();
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  entries.set(keyOf(key), { value, expiresAt });
}

/** Runs `load` once for concurrent callers asking for the same key (no token-request stampede). */
export async function dedupe<T>(key: CacheKey, load: () => Promise<T>): Promise<T> {
  const { inflight } = store();
  const existing = inflight.get(keyOf(key));
  if (existing) return existing as Promise<T>;
  const pending = load().finally(() => inflight.delete(keyOf(key)));
  inflight.set(keyOf(key), pending);
  return pending;
}

/** Forgets everything cached for a credential (after edit, delete or rotation). */
export function dropCredentialCaches(id: string): void {
  const { entries } = store();
  for (const key of [...entries.keys()]) if (key.split("|")[1] === id) entries.delete(key);
}
