import { describe, expect, it } from "vitest";
import {
  API_OPERATIONS,
  LEGACY_ROLES,
  PERMISSION_NAMES,
  PERMISSIONS,
  accessSummary,
  isPermission,
  legacyRolesFor,
  operationScopes,
  permissionGroups,
  permissionsOfRole,
  roleGrants,
} from "./registry";

describe("permission registry", () => {
  it("names permissions resource:read|write|send, each described and granted by known legacy roles", () => {
    for (const name of PERMISSION_NAMES) {
      expect(name).toMatch(/^[a-z_]+:(read|write|send)$/);
      expect(PERMISSIONS[name].description.length).toBeGreaterThan(5);
      for (const role of PERMISSIONS[name].legacyRoles) expect(LEGACY_ROLES).toContain(role);
    }
  });

  it("maps the documented legacy roles: events reads cards, auth only lists environments, workbench reads credentials", () => {
    expect(roleGrants("events", "cards:read")).toBe(true);
    expect(permissionsOfRole("auth")).toEqual(["environments:read"]);
    expect(roleGrants("workbench", "credentials:read")).toBe(true);
    expect(roleGrants("events", "credentials:read")).toBe(false);
    // Moving or using saved secrets is for fine-grained keys only: no legacy role gains it.
    for (const role of LEGACY_ROLES) {
      expect(roleGrants(role, "credentials:write"), role).toBe(false);
      expect(roleGrants(role, "requests:send"), role).toBe(false);
    }
  });

  it("gives every operation a unique method and path and a registered permission or role", () => {
    const seen = new Set<string>();
    for (const operation of Object.values(API_OPERATIONS)) {
      const id = `${operation.method} ${operation.path}`;
      expect(seen.has(id), id).toBe(false);
      seen.add(id);
      expect(operation.path.startsWith("/v1/")).toBe(true);
      const [scope] = operationScopes(operation);
      expect(isPermission(scope) || (LEGACY_ROLES as readonly string[]).includes(scope)).toBe(true);
    }
    // Every operation of the vendor's API stays callable by a legacy key; the newer ones that
    // move or use saved secrets, and webhook endpoints (which send the environment's events out),
    // need a fine-grained key.
    const fineGrainedOnly = Object.entries(API_OPERATIONS)
      .filter(([, operation]) => legacyRolesFor(operation).length === 0)
      .map(([id]) => id)
      .sort();
    expect(fineGrainedOnly).toEqual([
      "createIntegrationCredential",
      "createWebhookEndpoint",
      "deleteIntegrationCredential",
      "deleteWebhookEndpoint",
      "getApiKeyPermissionUse",
      "getWebhookEndpoint",
      "listWebhookEndpoints",
      "listWebhookMessages",
      "resendWebhookMessage",
      "rotateIntegrationCredentialKeyPair",
      "rotateWebhookEndpointSecret",
      "sendRequest",
      "setIntegrationCredentialJwks",
      "setIntegrationCredentialSecretExpiry",
      "updateIntegrationCredential",
      "updateWebhookEndpoint",
    ]);
    expect(operationScopes(API_OPERATIONS.listCards)).toEqual(["cards:read"]);
    expect(operationScopes(API_OPERATIONS.createCredential)).toEqual(["auth"]);
  });

  it("groups permissions by resource for the picker, each exactly once", () => {
    const groups = permissionGroups();
    const listed = groups.flatMap((g) => [g.read?.permission, g.write?.permission].filter(Boolean));
    expect(listed.sort()).toEqual([...PERMISSION_NAMES].sort());
    expect(groups.find((g) => g.resource === "cards")).toMatchObject({
      read: { permission: "cards:read" },
      write: { permission: "cards:write" },
    });
    expect(groups.find((g) => g.resource === "events")?.read).toBeUndefined();
    // An action other than read sits in the write column (it changes something elsewhere).
    expect(groups.find((g) => g.resource === "requests")).toEqual({
      resource: "requests",
      write: { permission: "requests:send", description: PERMISSIONS["requests:send"].description },
    });
  });

  it("summarises a key's access for the list", () => {
    expect(accessSummary({ kind: "legacy", permissions: [], role: "events" })).toBe("role: events");
    expect(
      accessSummary({ kind: "fine_grained", permissions: ["cards:read", "cards:write"], role: null }),
    ).toBe("cards:read, cards:write");
  });
});
