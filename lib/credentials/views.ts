import { storedDestinations } from "./destinations";
import { CREDENTIAL_TYPE_INFO, type CredentialType } from "./kinds";

/** Every column the UI may see. `secrets` is deliberately absent (`config` only for the destinations of old rows). */
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
  allowedDestinations: true,
  config: true,
  lastUseByType: true,
  lastUseByLabel: true,
  lastUseDestination: true,
  lastUseOk: true,
  lastUseSummary: true,
  secretExpiresAt: true,
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
  allowedDestinations: string | null;
  config: string;
  lastUseByType: string | null;
  lastUseByLabel: string | null;
  lastUseDestination: string | null;
  lastUseOk: boolean | null;
  lastUseSummary: string | null;
  /** When the secret expires at the provider (set by a member), or null. */
  secretExpiresAt: Date | null;
};

/** What used a credential last: the console (a member), an API key's Send Request, or an integration. */
export type LastUse = {
  at: Date;
  byType: string;
  byLabel: string;
  destination: string | null;
  ok: boolean | null;
  summary: string | null;
};

export type CredentialSummary = Omit<
  CredentialSummaryRow,
  | "type"
  | "config"
  | "allowedDestinations"
  | "lastUseByType"
  | "lastUseByLabel"
  | "lastUseDestination"
  | "lastUseOk"
  | "lastUseSummary"
> & {
  type: CredentialType;
  typeLabel: string;
  beta: boolean;
  allowedDestinations: string[];
  lastUse: LastUse | null;
};

export function summaryOf(row: CredentialSummaryRow): CredentialSummary {
  const { lastUseByType, lastUseByLabel, lastUseDestination, lastUseOk, lastUseSummary, ...columns } = row;
  const rest = Object.fromEntries(
    Object.entries(columns).filter(([key]) => key !== "config" && key !== "allowedDestinations"),
  ) as Omit<typeof columns, "config" | "allowedDestinations">;
  const type = row.type as CredentialType;
  const info = CREDENTIAL_TYPE_INFO[type] ?? { label: row.type, beta: false };
  return {
    ...rest,
    type,
    typeLabel: info.label,
    beta: info.beta,
    allowedDestinations: storedDestinations(row),
    lastUse:
      row.lastUsedAt && lastUseByType
        ? {
            at: row.lastUsedAt,
            byType: lastUseByType,
            byLabel: lastUseByLabel ?? "",
            destination: lastUseDestination,
            ok: lastUseOk,
            summary: lastUseSummary,
          }
        : null,
  };
}
