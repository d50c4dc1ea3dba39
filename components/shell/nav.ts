import type { Resource } from "@/lib/auth/access";

export type NavItem = {
  label: string;
  path: string;
  section: string;
  /** Words it is also found by in the command palette (./palette-items has the sidebar pages'). */
  keywords?: string[];
  /** The right the page needs, or `ownAccount`: every member's own. */
  resource: Resource | "ownAccount";
};

/** The console's pages, shared by the sidebar and the command palette. Paths are below /{env}. */
export const NAV_ITEMS: NavItem[] = [
  {
    section: "Configuration",
    label: "API keys",
    path: "/configuration/api-keys",
    resource: "apiKeys",
  },
  {
    section: "Integrations",
    label: "Credentials",
    path: "/configuration/integrations/credentials",
    resource: "credentials",
  },
  {
    section: "Integrations",
    label: "Webhooks",
    path: "/configuration/integrations/webhooks",
    resource: "webhooks",
  },
  {
    section: "Integrations",
    label: "AWS",
    path: "/configuration/integrations/aws",
    resource: "integrations",
  },
  {
    section: "Integrations",
    label: "Salesforce",
    path: "/configuration/integrations/salesforce",
    resource: "integrations",
  },
  {
    section: "Integrations",
    label: "Marketo",
    path: "/configuration/integrations/marketo",
    resource: "integrations",
  },
  {
    section: "Developers",
    label: "API reference",
    path: "/api-reference",
    resource: "apiKeys",
  },
  {
    section: "Organisation",
    label: "Audit log",
    path: "/audit-log",
    resource: "auditLog",
  },
  {
    section: "Organisation",
    label: "Members",
    path: "/members",
    resource: "members",
  },
  {
    section: "Organisation",
    label: "Organisation settings",
    path: "/settings",
    resource: "settings",
  },
];
