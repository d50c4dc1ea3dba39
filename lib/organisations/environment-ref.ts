import { db } from "../db";
import { processSingleton } from "../db/singleton";

// An environment as /v1 paths name it: its id ("1") or its name ("production"), as the console's
// URLs do. Names are resolved within the caller's organisation and kept briefly, so a request
// that names its environment costs one query per half minute at most.

const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

type Entry = { id: number | null; at: number };

function cache(): Map<string, Entry> {
  return processSingleton("organisations.environment-ref", () => new Map<string, Entry>());
}

/** True when `ref` is an id as written in a path (digits only). */
export function isEnvironmentId(ref: string): boolean {
  return /^\d+$/.test(ref);
}

/** The id of the environment named `name` in `organisationId`, or null when there is none. */
export async function environmentIdByName(organisationId: string, name: string): Promise<number | null> {
  const key = `${organisationId}\u0000${name}`;
  const now = Date.now();
  const entries = cache();
  const hit = entries.get(key);
  if (hit && now - hit.at < TTL_MS) return hit.id;
  const row = await db().environment.findFirst({ where: { organisationId, name }, select: { id: true } });
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(key, { id: row?.id ?? null, at: now });
  return row?.id ?? null;
}
