import { describe, expect, it } from "vitest";
import { actionInWords } from "./actions";

describe("audit actions in words", () => {
  it("names the common actions as a person would", () => {
    expect(actionInWords("api_key.create")).toBe("Created API key");
    expect(actionInWords("credential.test")).toBe("Tested credential");
    expect(actionInWords("member.add")).toBe("Added member");
  });
  it("falls back to the action's own words", () => {
    expect(actionInWords("webhook_endpoint.rotate_secret")).toBe("Webhook endpoint: rotate secret");
    expect(actionInWords("odd")).toBe("Odd");
  });
});
