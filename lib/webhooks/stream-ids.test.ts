import { describe, expect, it } from "vitest";
import { streamIdAt, timeOfStreamId } from "./stream-ids";

// The id format of emit.ts streamId: prefix, millisecond in base 36 (9 digits), then sequence
// and random hex. Built by hand here so that a change to the format fails this test.
const id = (prefix: string, ms: number, tail: string) =>
  `${prefix}_${ms.toString(36).padStart(9, "0")}${tail}`;

describe("stream ids and time", () => {
  it("bounds the ids of a time range: start inclusive, end exclusive", () => {
    const start = Date.UTC(2026, 10, 30, 23, 5);
    const end = start + 300_000;
    const first = id("evt", start, "0000" + "00".repeat(8));
    const last = id("evt", end - 1, "ffff" + "ff".repeat(8));
    expect(streamIdAt("evt", start) <= first && first < streamIdAt("evt", end)).toBe(true);
    expect(streamIdAt("evt", start) <= last && last < streamIdAt("evt", end)).toBe(true);
    expect(id("evt", end, "0000") >= streamIdAt("evt", end)).toBe(true);
    expect(id("evt", start - 1, "ffff") < streamIdAt("evt", start)).toBe(true);
    // A message bound never admits an event id, nor the other way round.
    expect(id("evt", end, "ffff") < streamIdAt("msg", 0)).toBe(true);
  });

  it("reads the time an id was minted, only for its own prefix", () => {
    const at = Date.UTC(2026, 11, 2, 9, 58, 1, 234);
    expect(timeOfStreamId("evt", id("evt", at, "0001abcd"))).toBe(at);
    expect(timeOfStreamId("msg", id("msg", at, "0001abcd"))).toBe(at);
    expect(timeOfStreamId("evt", id("msg", at, "0001abcd"))).toBeNull();
    expect(timeOfStreamId("evt", "evt_x")).toBeNull();
    expect(streamIdAt("msg", -5)).toBe("msg_000000000");
  });
});
