import { describe, expect, it } from "vitest";
import { intervalStartOf, ndjsonLine, objectKeyOf, retryDelayMs } from "./schedule";

describe("analytics export schedule", () => {
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
