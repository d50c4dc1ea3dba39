import { describe, expect, it } from "vitest";
import { preparedQuery, selectColumns } from "./prepared";

describe("preparedQuery", () => {
  it("turns PostgreSQL placeholders into SQLite's, in the order they appear, repeats included", () => {
    const q = preparedQuery("t", `SELECT 1 WHERE a = $2 AND b = $1 AND (c < $3 OR (c = $3 AND d = $1))`);
    expect(q.postgres).toBe(`SELECT 1 WHERE a = $2 AND b = $1 AND (c < $3 OR (c = $3 AND d = $1))`);
    expect(q.sqlite).toBe(`SELECT 1 WHERE a = ? AND b = ? AND (c < ? OR (c = ? AND d = ?))`);
    expect(q.order).toEqual([1, 0, 2, 2, 0]);
  });

  it("reads two-digit placeholders whole", () => {
    const q = preparedQuery("t", `SELECT $10, $1`);
    expect(q.sqlite).toBe(`SELECT ?, ?`);
    expect(q.order).toEqual([9, 0]);
  });
});

describe("selectColumns", () => {
  it("quotes each column and reads dates as UTC on PostgreSQL only", () => {
    expect(selectColumns("sqlite", ["id", "createdAt"], ["createdAt"])).toBe(`"id", "createdAt"`);
    expect(selectColumns("postgres", ["id", "createdAt"], ["createdAt"], "c")).toBe(
      `c."id", c."createdAt" AT TIME ZONE 'UTC' AS "createdAt"`,
    );
  });
});
