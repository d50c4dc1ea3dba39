import { describe, expect, it } from "vitest";
import { DEFAULT_WEBHOOK_RETRY_SCHEDULE } from "../../config";
import { nextStep, parseRetryAfter } from "./schedule";

const now = new Date("2026-11-30T12:00:00Z");
const svix = DEFAULT_WEBHOOK_RETRY_SCHEDULE;

describe("the retry schedule", () => {
  it("follows Svix's steps: immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after each failure", () => {
    const delays = [];
    for (let attempts = 1; attempts <= 7; attempts++) {
      const step = nextStep(svix, attempts, { status: 500 }, now);
      delays.push(step.kind === "retry" ? step.delayMs / 1000 : null);
    }
    expect(delays).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(nextStep(svix, 8, { status: 500 }, now)).toEqual({ kind: "failed" });
  });

  it("waits for a longer Retry-After on 429 and 503, up to the step after", () => {
    expect(nextStep(svix, 1, { status: 429, retryAfter: "60" }, now)).toEqual({
      kind: "retry",
      delayMs: 60_000,
    });
    expect(nextStep(svix, 1, { status: 503, retryAfter: "86400" }, now)).toEqual({
      kind: "retry",
      delayMs: 300_000,
    });
    // A shorter one does not bring the attempt forward; other statuses ignore it.
    expect(nextStep(svix, 2, { status: 429, retryAfter: "1" }, now)).toEqual({
      kind: "retry",
      delayMs: 300_000,
    });
    expect(nextStep(svix, 1, { status: 500, retryAfter: "60" }, now)).toEqual({
      kind: "retry",
      delayMs: 5_000,
    });
    // On the last step there is no step after: the scheduled delay is the cap.
    expect(nextStep([0, 1], 1, { status: 503, retryAfter: "60" }, now)).toEqual({
      kind: "retry",
      delayMs: 1_000,
    });
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("120", now)).toBe(120);
    expect(parseRetryAfter("Mon, 30 Nov 2026 12:01:30 GMT", now)).toBe(90);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});
