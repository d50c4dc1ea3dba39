import { DomainError } from "../result";

export const ROLES = ["owner", "admin", "editor", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const RESOURCES = [
  "apiKeys",
  "credentials",
  "integrations",
  "auditLog",
  "members",
  "settings",
] as const;
export type Resource = (typeof RESOURCES)[number];
export type Access = "view" | "edit";

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  editor: "Editor",
  viewer: "Viewer",
};

/** What each role may do per console resource. Checked on the server for every action. */
const MATRIX: Record<Role, Record<Resource, Access | null>> = {
  owner: {
    apiKeys: "edit",
    credentials: "edit",
    integrations: "edit",
    auditLog: "view",
    members: "edit",
    settings: "edit",
  },
  admin: {
    apiKeys: "edit",
    credentials: "edit",
    integrations: "edit",
    auditLog: "view",
    members: "edit",
    settings: "view",
  },
  editor: {
    apiKeys: "edit",
    credentials: "edit",
    integrations: "edit",
    auditLog: "view",
    members: "view",
    settings: "view",
  },
  viewer: {
    apiKeys: "view",
    credentials: "view",
    integrations: "view",
    auditLog: "view",
    members: "view",
    settings: "view",
  },
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, resource: Resource, access: Access): boolean {
  const granted = MATRIX[role][resource];
  if (granted === null) return false;
  return access === "view" || granted === "edit";
}

const RESOURCE_LABELS: Record<Resource, string> = {
  apiKeys: "API keys",
  credentials: "credentials",
  integrations: "integrations",
  auditLog: "the audit log",
  members: "members",
  settings: "organisation settings",
};

export function assertCan(role: Role, resource: Resource, access: Access): void {
  if (!can(role, resource, access)) {
    const verb = access === "edit" ? "change" : "view";
    throw new DomainError(
      `Your role (${ROLE_LABELS[role]}) cannot ${verb} ${RESOURCE_LABELS[resource]}.`,
      "forbidden",
    );
  }
}
