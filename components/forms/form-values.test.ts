import { describe, expect, it } from "vitest";
import { withoutMessages } from "./form-values";

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
