// Client-safe facts about the premium integration kinds: which feature flag guards each,
// and the words the console uses for them.

export const INTEGRATION_KINDS = ["s3_analytics", "s3_action_flows", "salesforce", "marketo"] as const;
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];
export type S3Kind = Extract<IntegrationKind, "s3_analytics" | "s3_action_flows">;

/** Mirrors lib/organisations/features (which is server-only). */
export const PREMIUM_FEATURES = ["aws-s3", "salesforce", "marketo"] as const;
export type PremiumFeature = (typeof PREMIUM_FEATURES)[number];

export const FEATURE_OF: Record<IntegrationKind, PremiumFeature> = {
  s3_analytics: "aws-s3",
  s3_action_flows: "aws-s3",
  salesforce: "salesforce",
  marketo: "marketo",
};

export const FEATURE_LABELS: Record<PremiumFeature, string> = {
  "aws-s3": "AWS S3 buckets",
  salesforce: "Salesforce Marketing Cloud",
  marketo: "Marketo",
};

export const KIND_LABELS: Record<IntegrationKind, { singular: string; plural: string }> = {
  s3_analytics: { singular: "S3 analytics bucket", plural: "S3 analytics buckets" },
  s3_action_flows: { singular: "S3 Action Flows bucket", plural: "S3 Action Flows buckets" },
  salesforce: {
    singular: "Salesforce Marketing Cloud integration",
    plural: "Salesforce Marketing Cloud integrations",
  },
  marketo: { singular: "Marketo integration", plural: "Marketo integrations" },
};

/** Page paths below /{env}. */
export const KIND_PATHS: Record<IntegrationKind, string> = {
  s3_analytics: "/configuration/integrations/aws/analytics",
  s3_action_flows: "/configuration/integrations/aws/action-flows",
  salesforce: "/configuration/integrations/salesforce",
  marketo: "/configuration/integrations/marketo",
};

export function isIntegrationKind(value: unknown): value is IntegrationKind {
  return typeof value === "string" && (INTEGRATION_KINDS as readonly string[]).includes(value);
}

export function isS3Kind(kind: IntegrationKind): kind is S3Kind {
  return kind === "s3_analytics" || kind === "s3_action_flows";
}

/** How an operator turns a family on: the CLI command shown on a premium page. */
export function enableCommand(feature: PremiumFeature): string {
  return `npm run cli -- features enable ${feature}`;
}
