import { CREDENTIAL_TYPE_INFO, type CredentialType } from "./kinds";

/** Every column the UI may see. `secrets` is deliberately absent. */
export const SUMMARY_SELECT = {
  id: true,
  environmentId: true,
  name: true,
  type: true,
  version: true,
  createdAt: true,
  createdByLabel: true,
  updatedAt: true,
  updatedByLabel: true,
  lastTestedAt: true,
  lastTestOk: true,
  lastTestSummary: true,
  lastUsedAt: true,
} as const;

export type CredentialSummaryRow = {
  id: string;
  environmentId: number;
  name: string;
  type: string;
  version: number;
  createdAt: Date;
  createdByLabel: string;
  updatedAt: Date;
  updatedByLabel: string;
  lastTestedAt: Date | null;
  lastTestOk: boolean | null;
  lastTestSummary: string | null;
  lastUsedAt: Date | null;
};

export type CredentialSummary = Omit<CredentialSummaryRow, "type"> & {
  type: CredentialType;
  typeLabel: string;
  beta: boolean;
};

export function summaryOf(row: CredentialSummaryRow): CredentialSummary {
  const type = row.type as CredentialType;
  const info = CREDENTIAL_TYPE_INFO[type] ?? { label: row.type, beta: false };
  return { ...row, type, typeLabel: info.label, beta: info.beta };
}
