import { listAnalyticsExports } from "@/lib/analytics-export";
import { can } from "@/lib/auth/access";
import { config } from "@/lib/config";
import { pageEnvironment } from "@/app/_lib/session";
import { AnalyticsExports } from "./analytics-exports";

/** The S3 analytics page's exports, below its buckets (PremiumIntegrationPage's `children`). */
export async function AnalyticsExportsSection({ params }: { params: Promise<{ env: string }> }) {
  const { member, environment } = await pageEnvironment(params);
  const exports = await listAnalyticsExports(member, environment.id);
  return (
    <AnalyticsExports
      exports={exports}
      intervalSeconds={config().analyticsExport.intervalSeconds}
      retentionDays={config().webhooks.retentionDays}
      canEdit={can(member.role, "integrations", "edit")}
    />
  );
}
