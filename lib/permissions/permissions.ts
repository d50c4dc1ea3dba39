// The permissions and legacy roles of the registry (./registry), apart from its API operations so
// that the console's pickers and key pages do not ship those.

export const LEGACY_ROLES = ["auth", "workbench", "events"] as const;
export type LegacyRole = (typeof LEGACY_ROLES)[number];

export const LEGACY_ROLE_DESCRIPTIONS: Record<LegacyRole, string> = {
  auth: "Create and rotate other credentials (workbench and events keys)",
  workbench: "Manage workbench resources such as cards and integration credentials",
  events: "Create cards and manage customers",
};

type PermissionDefinition = {
  description: string;
  /** Legacy roles whose keys hold this permission. */
  legacyRoles: readonly LegacyRole[];
};

export const PERMISSIONS = {
  "environments:read": {
    description: "List the environments the key can access",
    legacyRoles: ["auth", "workbench", "events"],
  },
  "cards:read": { description: "Retrieve cards", legacyRoles: ["workbench", "events"] },
  "cards:write": { description: "Create, update and delete cards", legacyRoles: ["workbench", "events"] },
  "customers:read": { description: "Retrieve customers", legacyRoles: ["events"] },
  "customers:write": { description: "Create, update and delete customers", legacyRoles: ["events"] },
  "events:write": {
    description: "Send events (an event creates a card for a customer)",
    legacyRoles: ["events"],
  },
  "credentials:read": {
    description: "Read integration credential metadata (never secrets)",
    legacyRoles: ["workbench"],
  },
  // Granted to fine-grained keys only: keys created before these existed keep exactly what
  // they could do, and no legacy role gains the right to move or use saved secrets.
  "credentials:write": {
    description: "Create, update and delete integration credentials (secrets are write-only)",
    legacyRoles: [],
  },
  "requests:send": {
    description: "Send requests to other systems, with a saved credential within its allowed destinations",
    legacyRoles: [],
  },
  "webhooks:read": {
    description: "List webhook endpoints and their deliveries (never signing secrets)",
    legacyRoles: [],
  },
  "webhooks:write": {
    description: "Create, update and delete webhook endpoints, resend deliveries",
    legacyRoles: [],
  },
  "api_keys:read": {
    description: "Read which permissions the environment's API keys' calls needed (never secrets)",
    legacyRoles: [],
  },
} as const satisfies Record<string, PermissionDefinition>;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: unknown): value is Permission {
  return typeof value === "string" && Object.hasOwn(PERMISSIONS, value);
}

export function isLegacyRole(value: unknown): value is LegacyRole {
  return typeof value === "string" && (LEGACY_ROLES as readonly string[]).includes(value);
}

export function roleGrants(role: LegacyRole, permission: Permission): boolean {
  return (PERMISSIONS[permission].legacyRoles as readonly LegacyRole[]).includes(role);
}

export function permissionsOfRole(role: LegacyRole): Permission[] {
  return PERMISSION_NAMES.filter((permission) => roleGrants(role, permission));
}

// ---- The console picker's view --------------------------------------------------------------

export type PermissionGroup = {
  resource: string;
  read?: { permission: Permission; description: string };
  write?: { permission: Permission; description: string };
};

/** Permissions grouped by resource (read/write columns; an action such as `send` writes), in registry order. */
export function permissionGroups(): PermissionGroup[] {
  const groups = new Map<string, PermissionGroup>();
  for (const permission of PERMISSION_NAMES) {
    const [resource, action] = permission.split(":") as [string, string];
    const group = groups.get(resource) ?? { resource };
    group[action === "read" ? "read" : "write"] = {
      permission,
      description: PERMISSIONS[permission].description,
    };
    groups.set(resource, group);
  }
  return [...groups.values()];
}

/** "cards:read, cards:write" or "role: events" — the list page's summary. */
export function accessSummary(key: {
  kind: string;
  permissions: readonly string[];
  role: string | null;
}): string {
  if (key.kind === "legacy") return `role: ${key.role ?? "none"}`;
  return key.permissions.length ? key.permissions.join(", ") : "no permissions";
}

/** What the permission picker offers: the groups, and every permission in registry order. */
export type PermissionChoices = { groups: PermissionGroup[]; names: Permission[] };

export function permissionChoices(): PermissionChoices {
  return { groups: permissionGroups(), names: PERMISSION_NAMES };
}
