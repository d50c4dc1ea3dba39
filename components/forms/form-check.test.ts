import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { checkValues, withFieldRechecked } from "./form-check";
import { LatestSubmit } from "./latest-submit";

const schema = z.object({
  name: z.string().min(1, "Enter a name."),
  allowlist: z.array(z.string().min(3, "Too short.")),
  headers: z.array(z.object({ name: z.string().min(1, "Enter a header name.") })),
});
const load = () => Promise.resolve(schema);

describe("checkValues", () => {
  it("gives the schema's output when the values pass", async () => {
    const input = { name: "Billing", allowlist: ["10.0.0.1"], headers: [{ name: "X", extra: 1 }] };
    expect(await checkValues(load, input)).toEqual({
      errors: {},
      data: { name: "Billing", allowlist: ["10.0.0.1"], headers: [{ name: "X" }] },
    });
  });

  it("puts each message on the form's own field: a list of values is one field, a list of objects is walked into", async () => {
    const input = { name: "", allowlist: ["ok-entry", "x"], headers: [{ name: "A" }, { name: "" }] };
    const { errors, data } = await checkValues(load, input);
    expect(data).toBeUndefined();
    expect(errors).toEqual({
      name: "Enter a name.",
      allowlist: "Too short.",
      "headers.1.name": "Enter a header name.",
    });
  });

  it("puts a message about an entry on the entry in the lists named as having an input per entry", async () => {
    const input = { name: "x", allowlist: ["ok-entry", "x"], headers: [] };
    expect((await checkValues(load, input, ["allowlist"])).errors).toEqual({ "allowlist.1": "Too short." });
  });

  it("lets the values through unchecked when the schema cannot be fetched (the server checks)", async () => {
    const input = { name: "" };
    expect(await checkValues(() => Promise.reject(new Error("chunk")), input)).toEqual({
      errors: {},
      data: input,
    });
  });
});

describe("withFieldRechecked", () => {
  it("replaces the messages about one field and what is inside it, and keeps the others", () => {
    const current = { name: "Enter a name.", "headers.0.name": "Old.", "headers.1.name": "Old too." };
    const found = { name: "Still wrong.", "headers.1.name": "New." };
    expect(withFieldRechecked(current, found, "headers")).toEqual({
      name: "Enter a name.",
      "headers.1.name": "New.",
    });
    expect(withFieldRechecked(current, {}, "name")).toEqual({
      "headers.0.name": "Old.",
      "headers.1.name": "Old too.",
    });
  });

  it("does not take a field whose name merely starts the same", () => {
    expect(withFieldRechecked({}, { nameSuffix: "x", name: "y" }, "name")).toEqual({ name: "y" });
  });
});

describe("LatestSubmit", () => {
  it("drops the answer of a submit overtaken by a newer one", async () => {
    const latest = new LatestSubmit();
    let answerFirst!: (value: { ok: true; data: string }) => void;
    const first = latest.start();
    const firstAnswer = latest.send<string>(first, () => new Promise((resolve) => (answerFirst = resolve)));
    const second = latest.start();
    const secondAnswer = latest.send(second, () => Promise.resolve({ ok: true as const, data: "second" }));
    expect(await secondAnswer).toEqual({ ok: true, data: "second" });
    answerFirst({ ok: true, data: "first" });
    expect(await firstAnswer).toBeNull();
    expect(latest.isLatest(second)).toBe(true);
  });

  it("drops every answer under way when forgotten (a reset)", async () => {
    const latest = new LatestSubmit();
    const call = latest.start();
    latest.forget();
    expect(await latest.send(call, () => Promise.resolve({ ok: true as const, data: 1 }))).toBeNull();
    expect(latest.isLatest(call)).toBe(false);
  });

  it("answers null when the action cannot be reached, and stays the latest", async () => {
    const latest = new LatestSubmit();
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const call = latest.start();
    expect(await latest.send(call, () => Promise.reject(new Error("offline")))).toBeNull();
    expect(latest.isLatest(call)).toBe(true);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  it("passes a refusal through with its field errors", async () => {
    const latest = new LatestSubmit();
    const call = latest.start();
    const refusal = { ok: false as const, error: "Check the fields.", fieldErrors: { name: "Taken." } };
    expect(await latest.send(call, () => Promise.resolve(refusal))).toEqual(refusal);
  });
});
