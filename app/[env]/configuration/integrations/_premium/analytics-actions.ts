"use server";
import { retryAnalyticsExport } from "@/lib/analytics-export";
import { retryAnalyticsExportInput } from "@/lib/analytics-export/schemas";
import { memberAction } from "@/app/_lib/action";

// The bucket is checked against the member's organisation by lib/analytics-export, together with
// the role and the premium feature flag.
export const retryAnalyticsExportAction = memberAction(
  {
    resource: "integrations",
    access: "edit",
    input: retryAnalyticsExportInput,
    revalidate: "/[env]/configuration/integrations",
  },
  ({ member, data }): Promise<{ batches: number }> => retryAnalyticsExport(member, data),
);
