import { describe, expect, it } from "vitest";
import { streamId } from "./emit";

describe("stream ids", () => {
  it("sort in the order they were made, thousands within one millisecond included", () => {
    const ids = Array.from({ length: 5_000 }, () => streamId("evt"));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("start with the time in base 36, then carry 80 bits of sequence and randomness", () => {
    const before = Date.now();
    const id = streamId("msg");
    expect(id).toMatch(/^msg_[0-9a-z]{9}[0-9a-f]{20}$/);
    expect(parseInt(id.slice(4, 13), 36)).toBeGreaterThanOrEqual(before);
  });
});
