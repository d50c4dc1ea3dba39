import { describe, expect, it } from "vitest";
import { actsAsOwner, assertActorCan, assertCan, can, RESOURCES, ROLES } from "./access";
import type { Actor } from "./actor";

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

describe("actors in lib/ services", () => {
  const member = (role: (typeof ROLES)[number]): Actor => ({
    type: "member",
    organisationId: "org",
    userId: "user",
    memberId: "member",
    role,
    label: "m@example.test",
    name: "M",
    ip: null,
    userAgent: null,
  });
  const system: Actor = { type: "system", organisationId: "org", label: "cli (operator)" };
  const apiKey: Actor = {
    type: "api_key",
    organisationId: "org",
    environmentId: 1,
    apiKeyId: "key",
    label: "key (client)",
    ip: null,
    userAgent: null,
  };

  it("a member is checked by role, with the role's refusal", () => {
    expect(() => assertActorCan(member("viewer"), "apiKeys", "edit")).toThrow(
      "Your role (Viewer) cannot change API keys.",
    );
    expect(() => assertActorCan(member("editor"), "apiKeys", "edit")).not.toThrow();
  });

  it("the operator (system) may do everything in its organisation", () => {
    for (const resource of RESOURCES) {
      expect(() => assertActorCan(system, resource, "edit")).not.toThrow();
      expect(() => assertActorCan(system, resource, "view")).not.toThrow();
    }
  });

  it("an API key reaches keys and credentials (its own environment: the tenant guard), and nothing else", () => {
    expect(() => assertActorCan(apiKey, "apiKeys", "edit")).not.toThrow();
    expect(() => assertActorCan(apiKey, "credentials", "view")).not.toThrow();
    // credentials:write at the API decides which keys; the service ceiling allows it.
    expect(() => assertActorCan(apiKey, "credentials", "edit")).not.toThrow();
    expect(() => assertActorCan(apiKey, "settings", "edit")).toThrow(
      "API keys cannot change organisation settings.",
    );
    for (const resource of ["integrations", "auditLog", "members"] as const)
      expect(() => assertActorCan(apiKey, resource, "view")).toThrow("API keys cannot view");
  });

  it("only an Owner or the operator acts as an Owner", () => {
    expect(actsAsOwner(member("owner"))).toBe(true);
    expect(actsAsOwner(system)).toBe(true);
    expect(actsAsOwner(member("admin"))).toBe(false);
    expect(actsAsOwner(apiKey)).toBe(false);
  });
});
