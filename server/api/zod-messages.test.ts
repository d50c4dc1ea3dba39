import { describe, expect, it } from "vitest";
import { z } from "zod";
import { plainIssueMessage, type InputPart } from "./zod-messages";

function messages(schema: z.ZodType, value: unknown, part: InputPart = "body"): string[] {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error("expected a failure");
  return parsed.error.issues.map((issue) => plainIssueMessage(issue, part));
}

describe("plain /v1 input messages", () => {
  it("a path parameter that is not a number", () => {
    const params = z.object({ environmentId: z.coerce.number().int().positive() });
    expect(messages(params, { environmentId: "nope" }, "path")).toEqual([
      "The path parameter environmentId must be a number.",
    ]);
    expect(messages(params, { environmentId: "1.5" }, "path")).toEqual([
      "The path parameter environmentId must be a whole number.",
    ]);
  });

  it("missing, wrong type, bounds, enums, formats and unknown fields, each naming the field", () => {
    const body = z.strictObject({
      title: z.string().min(1).max(5),
      tags: z.array(z.string()).max(1).optional(),
      status: z.enum(["open", "closed"]).optional(),
      url: z.url().optional(),
      count: z.number().min(2).optional(),
    });
    expect(messages(body, {})).toEqual(["The field title is required: it must be text."]);
    expect(messages(body, { title: 3 })).toEqual(["The field title must be text."]);
    expect(messages(body, { title: "" })).toEqual(["The field title must not be empty."]);
    expect(messages(body, { title: "abcdefg" })).toEqual(["The field title must be at most 5 characters."]);
    expect(messages(body, { title: "a", tags: ["x", "y"] })).toEqual([
      "The field tags must be at most 1 item.",
    ]);
    expect(messages(body, { title: "a", status: "gone" })).toEqual([
      'The field status must be one of "open", "closed".',
    ]);
    expect(messages(body, { title: "a", url: "nope" })).toEqual(["The field url must be a valid url."]);
    expect(messages(body, { title: "a", count: 1 })).toEqual(["The field count must be at least 2."]);
    expect(messages(body, { title: "a", colour: "red" })).toEqual([
      'The request body has an unknown field "colour".',
    ]);
    expect(messages(body, ["not", "an", "object"])).toEqual(["The request body must be a JSON object."]);
  });

  it("keeps a schema's own message, after the field it belongs to", () => {
    const body = z.object({ name: z.string().min(1, "Give the key a name") });
    expect(messages(body, { name: "" })).toEqual(["name: Give the key a name"]);
  });
});
