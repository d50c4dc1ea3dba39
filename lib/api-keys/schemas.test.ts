import { describe, expect, it } from "vitest";
import { MAX_PAGE } from "../pagination";
import { listApiKeysInput } from "./schemas";

describe("listApiKeysInput", () => {
  it("reads a page number from the URL, and takes anything out of range as the first page", () => {
    const page = (value: unknown) => listApiKeysInput.parse({ environmentId: 1, page: value }).page;
    expect(page("3")).toBe(3);
    expect(page(MAX_PAGE)).toBe(MAX_PAGE);
    for (const wild of ["1e300", String(MAX_PAGE + 1), "0", "-2", "2.5", "abc", undefined])
      expect(page(wild), String(wild)).toBe(1);
  });
});
