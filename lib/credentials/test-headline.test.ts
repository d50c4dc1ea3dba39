import { describe, expect, it } from "vitest";
import { testHeadline } from "./test-headline";

describe("testHeadline", () => {
  it("says a request the address guard refused was not sent, with the reason once", () => {
    const message = "Refused by the address guard: 10.0.0.1 is a private address.";
    const headline = testHeadline({ ok: false, summary: message, error: { kind: "blocked", message } });
    expect(headline).toEqual({ tone: "danger", lead: "Not sent:", text: message });
  });

  it("names the kind where the summary does not, and says Failed for a request that went out", () => {
    const headline = testHeadline({
      ok: false,
      summary: "connect ECONNREFUSED 127.0.0.1:9",
      error: { kind: "refused", message: "connect ECONNREFUSED 127.0.0.1:9" },
    });
    expect(headline).toEqual({
      tone: "danger",
      lead: "Failed.",
      text: "Connection refused: connect ECONNREFUSED 127.0.0.1:9",
    });
  });

  it("says Not sent for a destination refusal and an OAuth token request the guard refused", () => {
    expect(
      testHeadline({ ok: false, summary: "x is not allowed", error: { kind: "destination", message: "" } })
        .lead,
    ).toBe("Not sent:");
    const summary = "The token request failed. Refused by the address guard: 0.0.0.0 is …";
    expect(testHeadline({ ok: false, summary, error: { kind: "blocked", message: summary } })).toEqual({
      tone: "danger",
      lead: "Not sent:",
      text: summary,
    });
  });

  it("passes with the summary as it is", () => {
    expect(testHeadline({ ok: true, summary: "GET / answered 200 OK in 3 ms." })).toEqual({
      tone: "success",
      lead: "Passed.",
      text: "GET / answered 200 OK in 3 ms.",
    });
  });
});
