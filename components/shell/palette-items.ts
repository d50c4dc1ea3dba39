import type { NavItem } from "./nav";

// What only the command palette uses, fetched with it rather than with every console page.

/** The words each sidebar page is also found by, by its path. */
export const PAGE_KEYWORDS: Record<string, string[]> = {
  "/configuration/api-keys": ["client id", "secret", "token"],
  "/configuration/integrations/credentials": ["oauth", "basic", "jwt", "headers", "integrations"],
  "/configuration/integrations/webhooks": ["endpoints", "events", "deliveries", "svix"],
  "/configuration/integrations/aws": ["s3", "buckets", "analytics"],
  "/configuration/integrations/salesforce": ["marketing cloud", "sfmc"],
  "/configuration/integrations/marketo": ["munchkin"],
  "/api-reference": ["openapi", "permissions", "docs"],
  "/audit-log": ["history", "events", "activity"],
  "/members": ["users", "roles", "team"],
  "/settings": ["premium", "features", "flags"],
};

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
