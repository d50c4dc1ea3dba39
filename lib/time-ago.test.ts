import { describe, expect, it } from "vitest";
import { timeAgo } from "./time-ago";

describe("timeAgo", () => {
  it("says how long since an instant in words", () => {
    const now = Date.UTC(2026, 10, 30, 12, 0, 0);
    expect(timeAgo(new Date(now - 20_000), now)).toBe("just now");
    expect(timeAgo(new Date(now - 3 * 60_000 - 5_000), now)).toBe("3 min ago");
    expect(timeAgo(new Date(now - 5 * 60 * 60_000), now)).toBe("5 h ago");
    expect(timeAgo(new Date(now - 3 * 24 * 60 * 60_000), now)).toBe("3 days ago");
  });
});
