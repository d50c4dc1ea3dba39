import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatRelative } from "./dates";

describe("the console's one date format", () => {
  const at = new Date("2026-11-25T19:13:05.250Z");
  it("is the UTC instant to the minute, with seconds where asked, and a dash for none", () => {
    expect(formatDateTime(at)).toBe("2026-11-25 19:13 UTC");
    expect(formatDateTime(at.toISOString(), { seconds: true })).toBe("2026-11-25 19:13:05 UTC");
    expect(formatDateTime(null)).toBe("—");
    expect(formatDate(at)).toBe("2026-11-25");
  });
  it("says how long ago, or how long until, in the largest whole unit", () => {
    const now = at.getTime();
    expect(formatRelative(at, now + 20_000)).toBe("just now");
    expect(formatRelative(at, now + 3 * 60_000)).toBe("3 minutes ago");
    expect(formatRelative(at, now + 26 * 3600_000)).toBe("yesterday");
    expect(formatRelative(at, now - 2 * 24 * 3600_000)).toBe("in 2 days");
  });
});
