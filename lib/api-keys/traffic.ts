import "server-only";
import ipaddr from "ipaddr.js";
import { db } from "../db";
import { batchedWriter } from "../db/batched-writer";
import { MAX_OBSERVED_ADDRESSES, OBSERVED_ADDRESS_DAYS } from "./schemas";

// Two records of who still calls with what, taken on the request path and written in batches
// by the one batched writer (a request costs a map update, never a database write):
// - the addresses outside a report-only allowlist, per (key, address): a count, first and last
//   seen; at most MAX_OBSERVED_ADDRESSES per key, pruned OBSERVED_ADDRESS_DAYS after the last
//   request (the key page lists them and offers "Allow these and enforce");
// - the last use (time and address) of a rotated-away secret during a grace that follows
//   traffic, which the periodic job reads to end the grace once it is silent.

type Seen = { count: number; first: number; last: number };
type PreviousUse = { at: number; ip: string | null };
type Pending = {
  addresses: Map<string, Map<string, Seen>>;
  size: number;
  previousUse: Map<string, PreviousUse>;
};

/** Distinct (key, address) pairs waiting in memory at most; beyond, new pairs wait for the flush. */
const MAX_PENDING_ADDRESSES = 20_000;
const DAY_MS = 24 * 60 * 60 * 1000;

const writer = batchedWriter<Pending>({
  name: "api-keys.traffic",
  empty: () => ({ addresses: new Map(), size: 0, previousUse: new Map() }),
  isEmpty: (pending) => pending.size === 0 && pending.previousUse.size === 0,
  write: writeBatch,
});

/** A request from outside a report-only allowlist (succeeds; recorded for the key page). */
export function recordObservedAddress(keyId: string, ip: string | null): void {
  if (!ip) return;
  const pending = writer.pending;
  const now = Date.now();
  let perKey = pending.addresses.get(keyId);
  const seen = perKey?.get(ip);
  if (seen) {
    seen.count++;
    seen.last = now;
    return;
  }
  if (pending.size >= MAX_PENDING_ADDRESSES) return;
  if (!perKey) pending.addresses.set(keyId, (perKey = new Map()));
  else if (perKey.size >= MAX_OBSERVED_ADDRESSES) return;
  perKey.set(ip, { count: 1, first: now, last: now });
  pending.size++;
  writer.schedule();
}

/** A request made with the previous secret (or a token issued under it) during a following grace. */
export function recordPreviousSecretUse(keyId: string, ip: string | null): void {
  writer.pending.previousUse.set(keyId, { at: Date.now(), ip });
  writer.schedule();
}

/** One spelling per address: IPv4-mapped IPv6 as IPv4, IPv6 compressed. */
function normalize(ip: string): string {
  try {
    return ipaddr.process(ip).toString();
  } catch {
    return ip.slice(0, 60);
  }
}

const GONE = new Set(["P2003", "P2025"]); // the key was deleted before the batch was written

function errorCode(error: unknown): string {
  return typeof error === "object" && error !== null ? String((error as { code?: unknown }).code) : "";
}

async function writeAddresses(keyId: string, seen: Map<string, Seen>): Promise<void> {
  const byAddress = new Map<string, Seen>();
  for (const [ip, s] of seen) {
    const address = normalize(ip);
    const current = byAddress.get(address);
    if (!current) byAddress.set(address, { ...s });
    else {
      current.count += s.count;
      current.first = Math.min(current.first, s.first);
      current.last = Math.max(current.last, s.last);
    }
  }
  const existing = new Set(
    (
      await db().apiKeyObservedAddress.findMany({
        where: { apiKeyId: keyId, address: { in: [...byAddress.keys()] } },
        select: { address: true },
      })
    ).map((row) => row.address),
  );
  let room: number | null = null;
  for (const [address, s] of byAddress) {
    if (existing.has(address)) {
      await db().apiKeyObservedAddress.update({
        where: { apiKeyId_address: { apiKeyId: keyId, address } },
        data: { count: { increment: s.count }, lastSeenAt: new Date(s.last) },
        select: { address: true },
      });
      continue;
    }
    // The cap: a new address is kept only while the key has fewer than the maximum.
    room ??=
      MAX_OBSERVED_ADDRESSES - (await db().apiKeyObservedAddress.count({ where: { apiKeyId: keyId } }));
    if (room <= 0) continue;
    try {
      await db().apiKeyObservedAddress.create({
        data: {
          apiKeyId: keyId,
          address,
          count: s.count,
          firstSeenAt: new Date(s.first),
          lastSeenAt: new Date(s.last),
        },
        select: { address: true },
      });
      room--;
    } catch (error) {
      // Another instance created the row at the same moment: add to it.
      if (errorCode(error) !== "P2002") throw error;
      await db().apiKeyObservedAddress.update({
        where: { apiKeyId_address: { apiKeyId: keyId, address } },
        data: { count: { increment: s.count }, lastSeenAt: new Date(s.last) },
        select: { address: true },
      });
    }
  }
}

async function writeBatch(batch: Pending, requeue: Pending): Promise<void> {
  for (const [keyId, seen] of batch.addresses) {
    // Written or put back: either way no longer one of the batch's unwritten addresses.
    try {
      await writeAddresses(keyId, seen);
      batch.addresses.delete(keyId);
    } catch (error) {
      batch.addresses.delete(keyId);
      if (GONE.has(errorCode(error))) continue;
      // The database is unavailable: keep the counts for the next flush.
      for (const [ip, s] of seen) {
        let perKey = requeue.addresses.get(keyId);
        if (!perKey) requeue.addresses.set(keyId, (perKey = new Map()));
        const current = perKey.get(ip);
        if (current) {
          current.count += s.count;
          current.first = Math.min(current.first, s.first);
        } else {
          perKey.set(ip, { ...s });
          requeue.size++;
        }
      }
    }
  }
  for (const [keyId, use] of batch.previousUse) {
    // Only while the grace still follows traffic, and never moving the time backwards.
    await db()
      .apiKey.updateMany({
        where: {
          id: keyId,
          previousSecretUnusedMinutes: { not: null },
          OR: [{ previousSecretLastUsedAt: null }, { previousSecretLastUsedAt: { lt: new Date(use.at) } }],
        },
        data: { previousSecretLastUsedAt: new Date(use.at), previousSecretLastUsedIp: use.ip },
      })
      .catch(() => {
        const newer = requeue.previousUse.get(keyId);
        if (!newer || newer.at < use.at) requeue.previousUse.set(keyId, use);
      });
  }
}

/** Writes the pending records now. */
export const flushTraffic = (): Promise<void> => writer.flush();

/** This instance's last unwritten use of a key's previous secret (pending or being written). */
export function pendingPreviousSecretUse(keyId: string): PreviousUse | null {
  let newest: PreviousUse | null = null;
  for (const batch of writer.unwritten()) {
    const use = batch.previousUse.get(keyId);
    if (use && (!newest || use.at > newest.at)) newest = use;
  }
  return newest;
}

export type ObservedAddress = { address: string; count: number; firstSeenAt: Date; lastSeenAt: Date };

/** The addresses seen in the last 30 days, most requests first (written and not yet written). */
export async function observedAddresses(keyId: string, now = Date.now()): Promise<ObservedAddress[]> {
  const since = new Date(now - OBSERVED_ADDRESS_DAYS * DAY_MS);
  const rows = await db().apiKeyObservedAddress.findMany({
    where: { apiKeyId: keyId, lastSeenAt: { gte: since } },
    select: { address: true, count: true, firstSeenAt: true, lastSeenAt: true },
  });
  const merged = new Map(rows.map((row) => [row.address, { ...row }]));
  const unwritten = writer.unwritten().flatMap((batch) => [...(batch.addresses.get(keyId) ?? [])]);
  for (const [ip, s] of unwritten) {
    const address = normalize(ip);
    const row = merged.get(address);
    if (row) {
      row.count += s.count;
      if (s.last > row.lastSeenAt.getTime()) row.lastSeenAt = new Date(s.last);
    } else if (merged.size < MAX_OBSERVED_ADDRESSES) {
      merged.set(address, {
        address,
        count: s.count,
        firstSeenAt: new Date(s.first),
        lastSeenAt: new Date(s.last),
      });
    }
  }
  return [...merged.values()].sort(
    (a, b) => b.count - a.count || b.lastSeenAt.getTime() - a.lastSeenAt.getTime(),
  );
}

/** Deletes addresses not seen for 30 days (the periodic job). */
export async function pruneObservedAddresses(now = Date.now()): Promise<number> {
  const { count } = await db().apiKeyObservedAddress.deleteMany({
    where: { lastSeenAt: { lt: new Date(now - OBSERVED_ADDRESS_DAYS * DAY_MS) } },
  });
  return count;
}
