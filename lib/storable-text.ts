// Text the databases can store. A JSON body or a server action's arguments can carry strings no
// column can hold: an unpaired UTF-16 surrogate ("\ud800", which Prisma refuses to send to
// SQLite or PostgreSQL) or NUL (which PostgreSQL's text type refuses). Inputs are checked at the
// edge, so such a string is a field error rather than a failed query.

export const UNSTORABLE_TEXT = "Use text without NUL characters or unpaired surrogates.";

// A high surrogate not followed by a low one, a low one not preceded by a high one, or NUL.
const UNSTORABLE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\u0000/;

function storable(text: string): boolean {
  return !UNSTORABLE.test(text);
}

type Step = { key: string; parent: Step | null };

function pathOf(step: Step | null): string {
  const keys: string[] = [];
  for (let s = step; s; s = s.parent) keys.push(s.key);
  return keys.reverse().join(".");
}

/**
 * The dotted path of the first string (value or key, at any depth) that cannot be stored, "" for
 * the value itself, or null when every string can be stored.
 */
export function unstorableTextPath(value: unknown): string | null {
  if (typeof value === "string") return storable(value) ? null : "";
  if (value === null || typeof value !== "object") return null;
  // The usual input, a flat object of scalars (a /v1 path's parameters, on every request), is
  // checked without the walk's bookkeeping (a set, a stack, a step per entry): ~1 µs less.
  // Anything nested, or anything found, goes to the walk, which names the path.
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const inner = record[key];
    if (inner !== null && typeof inner === "object") return walk(value);
    if (!storable(key) || (typeof inner === "string" && !storable(inner))) return walk(value);
  }
  return null;
}

function walk(value: unknown): string | null {
  // Iterative: a deeply nested body must not overflow the stack.
  const pending: { value: unknown; step: Step | null }[] = [{ value, step: null }];
  const seen = new Set<object>();
  while (pending.length) {
    const { value: current, step } = pending.pop()!;
    if (typeof current === "string") {
      if (!storable(current)) return pathOf(step);
    } else if (current !== null && typeof current === "object" && !seen.has(current)) {
      seen.add(current);
      for (const [key, inner] of Object.entries(current)) {
        if (!storable(key)) return pathOf(step);
        pending.push({ value: inner, step: { key, parent: step } });
      }
    }
  }
  return null;
}
