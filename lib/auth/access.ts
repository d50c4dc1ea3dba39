import { DomainError } from "../result";
import type { Actor } from "./actor";

export const ROLES = ["owner", "admin", "editor", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const RESOURCES = [
  "apiKeys",
  "credentials",
  "integrations",
  "webhooks",
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
    webhooks: "edit",
    auditLog: "view",
    members: "edit",
    settings: "edit",
  },
  admin: {
    apiKeys: "edit",
    credentials: "edit",
    integrations: "edit",
    webhooks: "edit",
    auditLog: "view",
    members: "edit",
    settings: "view",
  },
  editor: {
    apiKeys: "edit",
    credentials: "edit",
    integrations: "edit",
    webhooks: "edit",
    auditLog: "view",
    members: "view",
    settings: "view",
  },
  viewer: {
    apiKeys: "view",
    credentials: "view",
    integrations: "view",
    webhooks: "view",
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
  webhooks: "webhooks",
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

/**
 * What an API key may reach through lib/ services. Which operation a key may call is decided by
 * its permissions or legacy role at the API (server/api); here only the resource ceiling: the
 * legacy credentials API lets an `auth` key manage the environment's keys, and a key holding
 * credentials:write (or requests:send) provisions and uses its environment's outbound
 * credentials, and one holding webhooks:write manages its environment's webhook endpoints.
 * Nothing else. The tenant guard keeps every key inside its own environment.
 */
const API_KEY_CEILING: Record<Resource, Access | null> = {
  apiKeys: "edit",
  credentials: "edit",
  integrations: null,
  webhooks: "edit",
  auditLog: null,
  members: null,
  settings: null,
};

/**
 * The one authorisation rule of lib/ services, which receive the actor and are the authority:
 * a member by role; the platform (a system actor: first run, the operator's CLI) may do
 * everything in its organisation; an API key only up to API_KEY_CEILING. The tenant is checked
 * separately (lib/organisations/access.ts).
 */
export function assertActorCan(actor: Actor, resource: Resource, access: Access): void {
  if (actor.type === "member") return assertCan(actor.role, resource, access);
  if (actor.type === "system") return;
  const ceiling = API_KEY_CEILING[resource];
  if (ceiling === null || (access === "edit" && ceiling !== "edit")) {
    const verb = access === "edit" ? "change" : "view";
    throw new DomainError(`API keys cannot ${verb} ${RESOURCE_LABELS[resource]}.`, "forbidden");
  }
}

/** An Owner, or the operator: who may grant, change or remove the Owner role. */
export function actsAsOwner(actor: Actor): boolean {
  return actor.type === "system" || (actor.type === "member" && actor.role === "owner");
}
