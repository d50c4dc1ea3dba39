"use server";
import {
  createIntegration,
  deleteIntegration,
  runIntegrationTest,
  updateIntegration,
  type IntegrationTestResult,
  type IntegrationView,
} from "@/lib/integrations";
import {
  createIntegrationInput,
  deleteIntegrationInput,
  testIntegrationInput,
  updateIntegrationInput,
} from "@/lib/integrations/schemas";
import { retryAnalyticsExport } from "@/lib/analytics-export";
import { retryAnalyticsExportInput } from "@/lib/analytics-export/schemas";
import { memberAction } from "@/app/_lib/action";

// The environment (on create) and the integration (otherwise) are checked against the member's
// organisation by lib/integrations, together with the role and the premium feature flag.

const integrations = {
  resource: "integrations",
  access: "edit",
  revalidate: "/[env]/configuration/integrations",
} as const;

export const createIntegrationAction = memberAction(
  { ...integrations, input: createIntegrationInput },
  ({ member, data }): Promise<IntegrationView> => createIntegration(member, data),
);

export const updateIntegrationAction = memberAction(
  { ...integrations, input: updateIntegrationInput },
  ({ member, data }): Promise<IntegrationView> => updateIntegration(member, data),
);

export const deleteIntegrationAction = memberAction(
  { ...integrations, input: deleteIntegrationInput },
  async ({ member, data }): Promise<{ id: string; name: string }> => {
    const { id, name } = await deleteIntegration(member, data);
    return { id, name };
  },
);

export const testIntegrationAction = memberAction(
  { ...integrations, input: testIntegrationInput },
  ({ member, data }): Promise<IntegrationTestResult> => runIntegrationTest(member, data),
);

/** "Retry now" on the S3 analytics bucket page: its failing export batches are attempted at once. */
export const retryAnalyticsExportAction = memberAction(
  { ...integrations, input: retryAnalyticsExportInput },
  ({ member, data }): Promise<{ batches: number }> => retryAnalyticsExport(member, data),
);
