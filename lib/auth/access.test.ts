import { describe, expect, it } from "vitest";
import { assertCan, can, RESOURCES, ROLES } from "./access";

describe("console roles", () => {
  it("a viewer may view every resource and change none", () => {
    for (const resource of RESOURCES) {
      expect(can("viewer", resource, "view")).toBe(true);
      expect(can("viewer", resource, "edit")).toBe(false);
    }
  });

  it("editors manage keys, credentials and integrations but not members", () => {
    expect(can("editor", "apiKeys", "edit")).toBe(true);
    expect(can("editor", "credentials", "edit")).toBe(true);
    expect(can("editor", "integrations", "edit")).toBe(true);
    expect(can("editor", "members", "edit")).toBe(false);
  });

  it("admins manage members; only owners change organisation settings", () => {
    expect(can("admin", "members", "edit")).toBe(true);
    expect(can("admin", "settings", "edit")).toBe(false);
    expect(can("owner", "settings", "edit")).toBe(true);
  });

  it("nobody edits the audit log", () => {
    for (const role of ROLES) expect(can(role, "auditLog", "edit")).toBe(false);
  });

  it("a refusal names the role and what it cannot do", () => {
    expect(() => assertCan("viewer", "members", "edit")).toThrow("Your role (Viewer) cannot change members.");
    expect(() => assertCan("owner", "members", "edit")).not.toThrow();
  });
});
