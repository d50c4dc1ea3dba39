// Pure: where time sits in the outbox's ids. An event or message id is its prefix, the
// millisecond it was minted in (base 36, 9 digits), then a sequence and random hex (emit.ts
// `streamId`), so the ids of one stream sort by the time they were minted. Pruning and the
// analytics export find the rows of a time range through the primary key with these bounds.

export type StreamPrefix = "evt" | "msg";

/** The millisecond `ms` as it is written into an id. */
export function idTimeText(ms: number): string {
  return Math.max(0, Math.floor(ms)).toString(36).padStart(9, "0");
}

/** The smallest id of `prefix` minted in the millisecond `ms`: a bound, never a real id. */
export function streamIdAt(prefix: StreamPrefix, ms: number): string {
  return `${prefix}_${idTimeText(ms)}`;
}

/** When an id of `prefix` was minted (milliseconds), or null for an id of another shape. */
export function timeOfStreamId(prefix: StreamPrefix, id: string): number | null {
  const match = /^([a-z]+)_([0-9a-z]{9})/.exec(id);
  return match && match[1] === prefix ? parseInt(match[2], 36) : null;
}
