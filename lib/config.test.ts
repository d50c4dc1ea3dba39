import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("WORKBENCH_ADMIN_PASSWORD", () => {
  it("is optional (the first run generates one) and kept as given when strong", () => {
    expect(parseConfig({}).admin.password).toBeUndefined();
    expect(parseConfig({ WORKBENCH_ADMIN_PASSWORD: "plum-lantern-oboe-42" }).admin.password).toBe(
      "plum-lantern-oboe-42",
    );
  });

  it("stops start-up when short or common, naming the problem but never the password", () => {
    expect(problems({ WORKBENCH_ADMIN_PASSWORD: "short-pass1" })).toEqual([
      "WORKBENCH_ADMIN_PASSWORD must be at least 12 characters",
    ]);
    const common = problems({ WORKBENCH_ADMIN_PASSWORD: "qwerty123456", PORT: "abc" });
    expect(common).toContain(
      "WORKBENCH_ADMIN_PASSWORD is a commonly used password: choose one harder to guess",
    );
    expect(common.join("\n")).toContain("PORT");
    expect(common.join("\n")).not.toContain("qwerty123456");
  });
});

describe("webhook settings", () => {
  it("default to Svix's schedule, 30 days of retention, 16 deliveries at once and 30 s leases", () => {
    expect(parseConfig({}).webhooks).toEqual({
      retrySchedule: [0, 5, 300, 1800, 7200, 18000, 36000, 36000],
      retentionDays: 30,
      concurrency: 16,
      leaseSeconds: 30,
    });
  });

  it("take a shorter schedule in seconds (the tests') and refuse one that is not a list of delays", () => {
    expect(parseConfig({ WORKBENCH_WEBHOOK_RETRY_SCHEDULE: "0, 1,1.5" }).webhooks.retrySchedule).toEqual([
      0, 1, 1.5,
    ]);
    expect(problems({ WORKBENCH_WEBHOOK_RETRY_SCHEDULE: "0,5m" })).toEqual([
      'WORKBENCH_WEBHOOK_RETRY_SCHEDULE must be up to 20 comma-separated delays in seconds, e.g. 0,5,300, got "0,5m"',
    ]);
    expect(problems({ WORKBENCH_WEBHOOK_RETENTION_DAYS: "0" })).toEqual([
      'WORKBENCH_WEBHOOK_RETENTION_DAYS must be a positive whole number, got "0"',
    ]);
  });
});
