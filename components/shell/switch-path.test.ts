import { describe, expect, it } from "vitest";
import { switchEnvironmentPath } from "./switch-path";

describe("switching environment", () => {
  it("keeps the page", () => {
    expect(switchEnvironmentPath("/production/audit-log", "production", "staging")).toBe(
      "/staging/audit-log",
    );
    expect(switchEnvironmentPath("/production", "production", "staging")).toBe("/staging");
  });

  it("falls back from a record page to its list, because records belong to one environment", () => {
    expect(switchEnvironmentPath("/production/configuration/api-keys/abc", "production", "staging")).toBe(
      "/staging/configuration/api-keys",
    );
    expect(
      switchEnvironmentPath(
        "/production/configuration/integrations/credentials/new",
        "production",
        "staging",
      ),
    ).toBe("/staging/configuration/integrations/credentials");
  });

  it("encodes the target environment name", () => {
    expect(switchEnvironmentPath("/production/members", "production", "eu west")).toBe("/eu%20west/members");
  });
});
