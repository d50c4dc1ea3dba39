import "server-only";
import { parseSecretColumn, type RecordRef } from "../crypto";
import type { IntegrationKind } from "./kinds";
import type { IntegrationValues } from "./schemas";
import { editValuesOf, parseStoredIntegration, SECRET_FIELDS } from "./storage";

/** Columns read for a list row. `secrets` is read only to tell which are set; it never leaves lib/. */
export const ROW_SELECT = {
  id: true,
  kind: true,
  name: true,
  config: true,
  secrets: true,
  version: true,
  environmentId: true,
  createdByLabel: true,
  updatedByLabel: true,
  createdAt: true,
  updatedAt: true,
  lastTestedAt: true,
  lastTestOk: true,
  lastTestSummary: true,
} as const;

type Row = {
  id: string;
  kind: string;
  name: string;
  config: string;
  secrets: string;
  version: number;
  createdByLabel: string;
  updatedByLabel: string;
  createdAt: Date;
  updatedAt: Date;
  lastTestedAt: Date | null;
  lastTestOk: boolean | null;
  lastTestSummary: string | null;
};

/** What the browser gets: settings (for the list and the edit form) and which secrets are set. */
export type IntegrationView = {
  id: string;
  kind: IntegrationKind;
  name: string;
  version: number;
  values: IntegrationValues;
  secretsSet: Record<string, boolean>;
  /** S3 with a saved credential: that credential's name (null when it was deleted). */
  credentialName: string | null;
  createdByLabel: string;
  updatedByLabel: string;
  createdAt: string;
  updatedAt: string;
  lastTest: { at: string; ok: boolean; summary: string } | null;
};

export function integrationRef(row: { id: string; name: string }): RecordRef {
  return { scope: "integration", recordId: row.id, label: row.name };
}

export function storedSecretFields(row: { id: string; name: string; secrets: string }): Set<string> {
  return new Set(Object.keys(parseSecretColumn(row.secrets, integrationRef(row))));
}

export function viewOf(row: Row, credentialNames: Map<string, string> = new Map()): IntegrationView {
  const stored = parseStoredIntegration(row.kind, row.config, row.name);
  const set = storedSecretFields(row);
  const credentialId = "credentialId" in stored.config ? stored.config.credentialId : "";
  return {
    id: row.id,
    kind: stored.kind,
    name: row.name,
    version: row.version,
    values: editValuesOf(stored, row.name),
    secretsSet: Object.fromEntries(SECRET_FIELDS[stored.kind].map((field) => [field, set.has(field)])),
    credentialName: credentialId ? (credentialNames.get(credentialId) ?? null) : null,
    createdByLabel: row.createdByLabel,
    updatedByLabel: row.updatedByLabel,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastTest: row.lastTestedAt
      ? {
          at: row.lastTestedAt.toISOString(),
          ok: row.lastTestOk === true,
          summary: row.lastTestSummary ?? "",
        }
      : null,
  };
}
