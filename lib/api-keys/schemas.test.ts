import { describe, expect, it } from "vitest";
import { MAX_PAGE } from "../pagination";
import { createApiKeyInput, listApiKeysInput, rotateApiKeyInput, updateApiKeyInput } from "./schemas";

describe("listApiKeysInput", () => {
  it("reads a page number from the URL, and takes anything out of range as the first page", () => {
    const page = (value: unknown) => listApiKeysInput.parse({ environmentId: 1, page: value }).page;
    expect(page("3")).toBe(3);
    expect(page(MAX_PAGE)).toBe(MAX_PAGE);
    for (const wild of ["1e300", String(MAX_PAGE + 1), "0", "-2", "2.5", "abc", undefined])
      expect(page(wild), String(wild)).toBe(1);
  });
});

describe("rotateApiKeyInput: a grace that follows traffic", () => {
  it("defaults to 15 minutes of silence and accepts 1 minute to 7 days", () => {
    expect(rotateApiKeyInput.parse({ id: "k", grace: "until_unused" })).toMatchObject({ unusedMinutes: 15 });
    expect(
      rotateApiKeyInput.parse({ id: "k", grace: "until_unused", unusedMinutes: "10080" }).unusedMinutes,
    ).toBe(10080);
    for (const [value, message] of [
      [0, "At least 1 minute"],
      [10081, "At most 10080 minutes (7 days)"],
      [2.5, "Enter whole minutes"],
      ["soon", "Enter a number of minutes"],
    ] as const) {
      const result = rotateApiKeyInput.safeParse({ id: "k", grace: "until_unused", unusedMinutes: value });
      expect(result.success, String(value)).toBe(false);
      expect(result.error?.issues[0].message).toBe(message);
    }
  });
});

describe("allowlist mode", () => {
  it("is enforce or report, on create and on edit", () => {
    const base = { environmentId: 1, name: "k", kind: "fine_grained", permissions: ["cards:read"] };
    expect(createApiKeyInput.parse({ ...base, allowlistMode: "report" }).allowlistMode).toBe("report");
    expect(createApiKeyInput.parse(base).allowlistMode).toBeUndefined(); // the service stores "enforce"
    expect(updateApiKeyInput.safeParse({ id: "k", allowlistMode: "audit" }).error?.issues[0].message).toBe(
      'Choose "enforce" or "report"',
    );
  });
});
