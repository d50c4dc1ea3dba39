import { describe, expect, it } from "vitest";
import { unstorableTextPath } from "./storable-text";

describe("unstorableTextPath", () => {
  it("accepts any well-formed text without NUL, emoji and other astral characters included", () => {
    expect(unstorableTextPath({ a: "😀 é", b: ["x", { c: "\uFEFF" }], n: 1, z: null })).toBeNull();
    expect(unstorableTextPath("plain")).toBeNull();
  });

  it("names the first unpaired surrogate or NUL by its path, keys included", () => {
    expect(unstorableTextPath("\ud800")).toBe("");
    expect(unstorableTextPath({ title: "a\udc00b" })).toBe("title");
    expect(unstorableTextPath({ list: ["ok", { name: "x\u0000" }] })).toBe("list.1.name");
    expect(unstorableTextPath({ nested: { "\ud83d": 1 } })).toBe("nested");
  });

  it("checks a flat object's keys and values as the walk does, the first problem by the walk's order", () => {
    expect(unstorableTextPath({ environmentId: "1", cardId: "c_1" })).toBeNull();
    expect(unstorableTextPath({ environmentId: "1", cardId: "c\u0000" })).toBe("cardId");
    expect(unstorableTextPath({ "k\ud800": "v" })).toBe("");
    expect(unstorableTextPath({ a: "\ud800", b: 2, c: "\udc00" })).toBe("c");
    expect(unstorableTextPath({ n: 1, t: true, z: null, u: undefined })).toBeNull();
    expect(unstorableTextPath(Object.create(null) as object)).toBeNull();
  });

  it("walks deep nesting without overflowing the stack", () => {
    let deep: unknown = "\ud800";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unstorableTextPath(deep)).toMatch(/^0(\.0)*$/);
  });
});
