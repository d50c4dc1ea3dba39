import { describe, expect, it } from "vitest";
import { cuid } from "./ids";

describe("cuid", () => {
  it("has Prisma's cuid shape and is unique", () => {
    const ids = Array.from({ length: 10_000 }, () => cuid());
    for (const id of ids) expect(id).toMatch(/^c[0-9a-z]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("sorts in creation order within one process", () => {
    const ids = Array.from({ length: 1_000 }, () => cuid());
    // The counter wraps once every 36^4 ids; a run of 1,000 crosses it at most once.
    const descents = ids.slice(1).filter((id, i) => id < ids[i]).length;
    expect(descents).toBeLessThanOrEqual(1);
  });
});
