import { describe, expect, it } from "vitest";
import { idAt, intervalStartOf, ndjsonLine, objectKeyOf, retryDelayMs, timeOfId } from "./schedule";

// The id format of lib/webhooks/emit.ts streamId("evt"), built here so this test stays pure.
const eventId = (ms: number, hex = "ab".repeat(10)) => `evt_${ms.toString(36).padStart(9, "0")}${hex}`;

describe("analytics export schedule", () => {
  it("bounds the event ids of an interval: start inclusive, end exclusive", () => {
    const start = Date.UTC(2026, 10, 30, 23, 5);
    const end = start + 300_000;
    const first = eventId(start, "00".repeat(10));
    const last = eventId(end - 1, "ff".repeat(10));
    expect(idAt(start) <= first && first < idAt(end)).toBe(true);
    expect(idAt(start) <= last && last < idAt(end)).toBe(true);
    expect(eventId(end, "00".repeat(10)) >= idAt(end)).toBe(true);
    expect(eventId(start - 1, "ff".repeat(10)) < idAt(start)).toBe(true);
    expect(timeOfId(last)).toBe(end - 1);
    expect(timeOfId("msg_x")).toBeNull();
  });

  it("aligns intervals to the epoch and names objects by the interval's UTC hour", () => {
    const at = Date.UTC(2026, 0, 2, 3, 7, 59);
    expect(intervalStartOf(at, 300_000)).toBe(Date.UTC(2026, 0, 2, 3, 5));
    expect(objectKeyOf("", new Date(Date.UTC(2026, 0, 2, 3, 5)), "anb_1")).toBe(
      "analytics/2026/01/02/03/anb_1.ndjson.gz",
    );
    expect(objectKeyOf("exports", new Date(Date.UTC(2026, 11, 31, 23, 55)), "anb_2")).toBe(
      "exports/analytics/2026/12/31/23/anb_2.ndjson.gz",
    );
    expect(objectKeyOf("/a/b/", new Date(0), "anb_3")).toBe("a/b/analytics/1970/01/01/00/anb_3.ndjson.gz");
  });

  it("backs off 30 s, 1, 5, 15 min, then hourly", () => {
    expect([1, 2, 3, 4, 5, 9].map(retryDelayMs)).toEqual([30e3, 60e3, 300e3, 900e3, 3600e3, 3600e3]);
  });

  it("writes one line per event: its id first, then type, timestamp and data", () => {
    const line = ndjsonLine({
      id: "evt_1",
      payload: JSON.stringify({
        type: "card.created",
        timestamp: "2026-01-01T00:00:00.000Z",
        data: { a: 1 },
      }),
    });
    expect(line).toBe(
      '{"id":"evt_1","type":"card.created","timestamp":"2026-01-01T00:00:00.000Z","data":{"a":1}}\n',
    );
  });
});
