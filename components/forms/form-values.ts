// What the form hooks work out on the page itself (the check is fetched: ./lazy-check).

/**
 * Whether two forms' values are the same: plain values, lists and objects compared by content
 * (an object's keys in any order). A form is dirty while its values and the saved ones differ.
 */
export function sameValues(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.hasOwn(right, key) && sameValues(left[key], right[key]))
  );
}

/** `messages` without those about `field` and what is inside it ("headers" and "headers.0.name"). */
export function withoutMessages<M extends Record<string, string>>(messages: M, field: string): M {
  return Object.fromEntries(
    Object.entries(messages).filter(([key]) => key !== field && !key.startsWith(`${field}.`)),
  ) as M;
}
