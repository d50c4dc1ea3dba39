import { describe, expect, it } from "vitest";
import { API_OPERATIONS } from "../permissions/registry";
import { operationRefusal } from "./authenticate";
import type { KeyState } from "./key-state";

const base: KeyState = {
  id: "key",
  clientId: "client",
  environmentId: 1,
  organisationId: "org",
  name: "key",
  kind: "fine_grained",
  permissions: ["cards:read"],
  role: null,
  secretDigest: null,
  secretGeneration: 1,
  previousSecretDigest: null,
  previousSecretExpiresAt: null,
  expiresAt: null,
  revokedAt: null,
  allowlist: [],
  allowlistReportOnly: false,
  graceFollowsTraffic: false,
};

describe("operationRefusal", () => {
  it("allows a fine-grained key with the permission, within the token's scope", () => {
    expect(operationRefusal(base, [], API_OPERATIONS.getCard)).toBeNull();
    expect(operationRefusal(base, ["cards:read"], API_OPERATIONS.getCard)).toBeNull();
  });

  it("refuses a missing permission, or one left out of the token's scope, as missing_permission", () => {
    const missing = { code: "missing_permission", detail: "missing permission: environments:read" };
    expect(operationRefusal(base, [], API_OPERATIONS.listEnvironments)).toEqual(missing);
    expect(operationRefusal(base, ["environments:read"], API_OPERATIONS.getCard)).toEqual({
      code: "missing_permission",
      detail: "missing permission: cards:read",
    });
  });

  it("refuses a legacy-role operation to a fine-grained key, and the wrong legacy role, as wrong_role", () => {
    expect(operationRefusal(base, [], API_OPERATIONS.createCredential)?.code).toBe("wrong_role");
    const events: KeyState = { ...base, kind: "legacy", permissions: [], role: "events" };
    expect(operationRefusal(events, [], API_OPERATIONS.createCredential)).toEqual({
      code: "wrong_role",
      detail: "legacy role events cannot call this operation; it requires role auth",
    });
    expect(operationRefusal({ ...events, role: "auth" }, [], API_OPERATIONS.createCredential)).toBeNull();
  });

  it("refuses the operations that move or use saved secrets to every legacy key, pointing at fine-grained keys", () => {
    for (const role of ["auth", "workbench", "events"] as const) {
      const legacy: KeyState = { ...base, kind: "legacy", permissions: [], role };
      expect(operationRefusal(legacy, [], API_OPERATIONS.sendRequest), role).toEqual({
        code: "wrong_role",
        detail: "legacy keys cannot call this operation; create a fine-grained key with requests:send",
      });
    }
    const sender: KeyState = { ...base, permissions: ["requests:send"] };
    expect(operationRefusal(sender, [], API_OPERATIONS.sendRequest)).toBeNull();
  });
});
