import { describe, expect, it } from "vitest";
import { z } from "zod";
import { answerMessages, checkLazily, fieldRechecker } from "./lazy-check";

describe("the form hooks' lazily fetched check", () => {
  const schema = () => Promise.resolve(z.object({ name: z.string().min(1, "Enter a name.") }));

  it("checks with the schema once fetched", async () => {
    expect(await checkLazily(schema, { name: "" })).toEqual({ errors: { name: "Enter a name." } });
    expect(await checkLazily(schema, { name: "x" })).toEqual({ errors: {}, data: { name: "x" } });
  });

  it("lets the values through unchecked when the schema cannot be fetched", async () => {
    const input = { name: "" };
    expect(await checkLazily(() => Promise.reject(new Error("offline")), input)).toEqual({
      errors: {},
      data: input,
    });
  });

  it("places a server action's field errors on the form's fields", async () => {
    const input = { name: "x", headers: [{ name: "" }] };
    expect(
      await answerMessages(
        input,
        { "credential.headers.0.name": "Enter a header name.", _form: "x" },
        "credential.",
      ),
    ).toEqual({ "headers.0.name": "Enter a header name." });
    expect(await answerMessages(input, undefined)).toEqual({});
  });

  it("rechecks one field's messages", async () => {
    const recheck = await fieldRechecker();
    expect(recheck({ name: "Old.", other: "Kept." }, {}, "name")).toEqual({ other: "Kept." });
  });
});
