import type { Resource } from "@/lib/auth/access";

export type NavItem = {
  label: string;
  path: string;
  section: string;
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
    keywords: ["client id", "secret", "token"],
  },
  {
    section: "Integrations",
    label: "Credentials",
    path: "/configuration/integrations/credentials",
    resource: "credentials",
    keywords: ["oauth", "basic", "jwt", "headers", "integrations"],
  },
  {
    section: "Integrations",
    label: "Webhooks",
    path: "/configuration/integrations/webhooks",
    resource: "webhooks",
    keywords: ["endpoints", "events", "deliveries", "svix"],
  },
  {
    section: "Integrations",
    label: "AWS",
    path: "/configuration/integrations/aws",
    resource: "integrations",
    keywords: ["s3", "buckets", "analytics"],
  },
  {
    section: "Integrations",
    label: "Salesforce",
    path: "/configuration/integrations/salesforce",
    resource: "integrations",
    keywords: ["marketing cloud", "sfmc"],
  },
  {
    section: "Integrations",
    label: "Marketo",
    path: "/configuration/integrations/marketo",
    resource: "integrations",
    keywords: ["munchkin"],
  },
  {
    section: "Developers",
    label: "API reference",
    path: "/api-reference",
    resource: "apiKeys",
    keywords: ["openapi", "permissions", "docs"],
  },
  {
    section: "Organisation",
    label: "Audit log",
    path: "/audit-log",
    resource: "auditLog",
    keywords: ["history", "events", "activity"],
  },
  {
    section: "Organisation",
    label: "Members",
    path: "/members",
    resource: "members",
    keywords: ["users", "roles", "team"],
  },
  {
    section: "Organisation",
    label: "Organisation settings",
    path: "/settings",
    resource: "settings",
    keywords: ["premium", "features", "flags"],
  },
];

/** Pages the command palette offers besides the sidebar's (sub-pages). */
export const PALETTE_ONLY_ITEMS: NavItem[] = [
  {
    section: "You",
    label: "Account",
    path: "/account",
    resource: "ownAccount",
    // Few, distinct words: cmdk matches keywords loosely, and these must not catch "staging".
    keywords: ["password", "two-factor", "sessions"],
  },
  {
    section: "Integrations › AWS",
    label: "S3 analytics buckets",
    path: "/configuration/integrations/aws/analytics",
    resource: "integrations",
    keywords: ["aws", "s3", "bucket", "analytics"],
  },
  {
    section: "Integrations › AWS",
    label: "S3 Action Flows buckets",
    path: "/configuration/integrations/aws/action-flows",
    resource: "integrations",
    keywords: ["aws", "s3", "bucket", "action flows"],
  },
];
