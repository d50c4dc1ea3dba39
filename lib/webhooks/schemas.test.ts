import { describe, expect, it } from "vitest";
import { endpointFields, replayFailedInput, updateEndpointInput } from "./schemas";

const valid = { name: "Orders", url: "https://hooks.example.com/in", eventTypes: ["card.created"] };

describe("webhook endpoint input", () => {
  it("accepts an http(s) URL and keeps the event types in catalogue order, once each", () => {
    const parsed = endpointFields.parse({
      ...valid,
      url: " http://127.0.0.1:8080/hooks ",
      eventTypes: ["api_key.revoked", "card.created", "api_key.revoked"],
    });
    expect(parsed.url).toBe("http://127.0.0.1:8080/hooks");
    expect(parsed.eventTypes).toEqual(["card.created", "api_key.revoked"]);
  });

  it.each([
    ["ftp://hooks.example.com/in", "url"],
    ["https://user:secret@hooks.example.com/in", "url"],
    ["hooks.example.com/in", "url"],
  ])("refuses the URL %s", (url, field) => {
    const result = endpointFields.safeParse({ ...valid, url });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual([field]);
  });

  it("refuses no event type, an unknown one and the test event", () => {
    for (const eventTypes of [[], ["card.exploded"], ["webhook.test"]]) {
      const result = endpointFields.safeParse({ ...valid, eventTypes });
      expect(result.success, JSON.stringify(eventTypes)).toBe(false);
    }
  });

  it("lets an update remove the credential (null) and refuses a blank name", () => {
    expect(updateEndpointInput.parse({ id: "we_1", endpoint: { credentialId: null } }).endpoint).toEqual({
      credentialId: null,
    });
    expect(updateEndpointInput.safeParse({ id: "we_1", endpoint: { name: "  " } }).success).toBe(false);
  });

  it("reads the replay time and refuses one that is not a date", () => {
    expect(replayFailedInput.parse({ id: "we_1", since: "2026-11-30T10:00:00.000Z" }).since).toEqual(
      new Date("2026-11-30T10:00:00.000Z"),
    );
    expect(replayFailedInput.safeParse({ id: "we_1", since: "yesterday-ish" }).success).toBe(false);
  });
});
