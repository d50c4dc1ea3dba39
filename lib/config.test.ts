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
