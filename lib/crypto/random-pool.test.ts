import { describe, expect, it } from "vitest";
import { randomText, randomUint32 } from "./random-pool";

describe("pooled random bytes", () => {
  it("hands out each byte once, across refills of the pool", () => {
    // 2,000 × 8 bytes crosses the 4 KiB pool several times; a byte reused would repeat a value.
    const values = Array.from({ length: 2_000 }, () => randomText(8, "hex"));
    expect(values.every((v) => /^[0-9a-f]{16}$/.test(v))).toBe(true);
    expect(new Set(values).size).toBe(values.length);
  });

  it("serves lengths larger than the pool and other encodings", () => {
    expect(randomText(9, "base64url")).toMatch(/^[A-Za-z0-9_-]{12}$/);
    const big = randomText(5_000, "hex");
    expect(big).toHaveLength(10_000);
    expect(new Set(big).size).toBe(16);
  });

  it("gives unsigned 32-bit integers spread over the range", () => {
    const numbers = Array.from({ length: 1_000 }, randomUint32);
    expect(numbers.every((n) => Number.isInteger(n) && n >= 0 && n < 2 ** 32)).toBe(true);
    expect(numbers.some((n) => n >= 2 ** 31)).toBe(true);
    expect(numbers.some((n) => n < 2 ** 31)).toBe(true);
  });
});
