// What the form hooks work out on the page itself (the check is fetched: ./lazy-check).

/** `messages` without those about `field` and what is inside it ("headers" and "headers.0.name"). */
export function withoutMessages<M extends Record<string, string>>(messages: M, field: string): M {
  return Object.fromEntries(
    Object.entries(messages).filter(([key]) => key !== field && !key.startsWith(`${field}.`)),
  ) as M;
}
