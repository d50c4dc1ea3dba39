import { describe, expect, it } from "vitest";
import { sameValues, withoutMessages } from "./form-values";

describe("sameValues (a form's dirty state)", () => {
  it("compares plain values, lists and objects by content", () => {
    const saved = { name: "Billing", headers: [{ name: "X-Key", value: "", secret: true }], lifetime: 300 };
    expect(sameValues(saved, structuredClone(saved))).toBe(true);
    expect(sameValues(saved, { ...saved, name: "Billing 2" })).toBe(false);
    expect(sameValues(saved, { ...saved, headers: [{ name: "X-Key", value: "v", secret: true }] })).toBe(
      false,
    );
    expect(
      sameValues(saved, { ...saved, headers: [...saved.headers, { name: "", value: "", secret: false }] }),
    ).toBe(false);
  });

  it("is the same again when a change is undone, whatever the order of an object's keys", () => {
    expect(sameValues({ a: 1, b: ["x"] }, { b: ["x"], a: 1 })).toBe(true);
    expect(sameValues({ lifetime: Number.NaN }, { lifetime: Number.NaN })).toBe(true);
  });

  it("tells a missing key, a list and an object apart", () => {
    expect(sameValues({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameValues({ list: [] }, { list: {} })).toBe(false);
    expect(sameValues({ on: false }, { on: "" })).toBe(false);
    expect(sameValues(null, {})).toBe(false);
  });
});

describe("withoutMessages", () => {
  it("drops the messages about a field and what is inside it, and keeps the others", () => {
    const messages = {
      name: "Enter a name.",
      headers: "Add a header.",
      "headers.0.name": "Enter a header name.",
      headersNote: "Kept.",
    };
    expect(withoutMessages(messages, "headers")).toEqual({ name: "Enter a name.", headersNote: "Kept." });
    expect(withoutMessages(messages, "headers.0.name")).toEqual({
      name: "Enter a name.",
      headers: "Add a header.",
      headersNote: "Kept.",
    });
  });
});
