// An audit entry's details in words, for the audit log and the key pages: "Name: Billing →
// Payments · Permissions: cards:read, environments:read · Expiry: none" rather than raw JSON.
// Pure and client-safe: it only formats what the entry already holds (never a secret: the
// writer drops those).

import { KIND_LABELS } from "../integrations/kinds";

export type AuditDetailLine = { label: string; value: string };

const LABELS: Record<string, string> = {
  ok: "Passed",
  url: "URL",
  errorKind: "Failed at",
  expiresAt: "Expiry",
  allowlist: "IP allowlist",
  allowlistMode: "IP allowlist mode",
  allowed: "Allowed",
  unusedMinutes: "Ends when unused for (minutes)",
  lastUsedFrom: "Last used from",
  grace: "Grace period",
  fields: "Fields",
  copiedFrom: "Copied from (id)",
  copiedFromName: "Copied from",
  customer: "Customer",
  // Premium integrations' settings.
  kind: "Kind",
  settings: "Settings",
  enteredFields: "Secrets entered",
  replacedFields: "Secrets replaced",
  removedFields: "Secrets removed",
  endpointUrl: "Endpoint URL",
  forcePathStyle: "Path-style addressing",
  credentialMode: "Keys from",
  credentialId: "Credential (id)",
  accessKeyId: "Access key ID",
  clientId: "Client ID",
  authBaseUrl: "Auth base URL",
  accountId: "Account ID (MID)",
  munchkinId: "Munchkin ID",
  baseUrl: "Base URL",
};

/** Stored codes shown in words (premium integration kinds, an S3 bucket's source of keys). */
const VALUE_WORDS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(KIND_LABELS).map(([kind, words]) => [kind, words.singular])),
  keys: "its own access keys",
  credential: "a saved AWS credential",
};

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

function labelOf(key: string): string {
  if (Object.hasOwn(LABELS, key)) return LABELS[key];
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isChange(value: unknown): value is { from?: unknown; to?: unknown } {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && ("from" in value || "to" in value)
  );
}

function valueOf(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.length ? value.map(valueOf).join(", ") : "none";
  if (typeof value === "string") {
    if (ISO_TIME.test(value)) return `${value.slice(0, 16).replace("T", " ")} UTC`;
    return (Object.hasOwn(VALUE_WORDS, value) ? VALUE_WORDS[value] : value) || "(empty)";
  }
  if (isChange(value)) return `${valueOf(value.from)} → ${valueOf(value.to)}`;
  // Nested settings (a premium integration's): "Bucket: exports; Region: eu-west-1", never JSON.
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length ? entries.map(([k, v]) => `${labelOf(k)}: ${valueOf(v)}`).join("; ") : "none";
  }
  return String(value);
}

export function describeAuditDetails(details: Record<string, unknown>): AuditDetailLine[] {
  // A change of the target itself, e.g. a member's role: { from: "editor", to: "admin" }.
  if (isChange(details) && Object.keys(details).every((key) => key === "from" || key === "to")) {
    return [{ label: "Changed", value: valueOf(details) }];
  }
  return Object.entries(details).map(([key, value]) => ({ label: labelOf(key), value: valueOf(value) }));
}
