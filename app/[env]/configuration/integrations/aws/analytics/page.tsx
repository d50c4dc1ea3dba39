import type { Metadata } from "next";
import { AnalyticsExportsSection } from "../../_premium/analytics-exports-section";
import { PremiumIntegrationPage } from "../../_premium/premium-page";

export const metadata: Metadata = { title: "S3 analytics buckets" };

export default function Page({ params }: { params: Promise<{ env: string }> }) {
  return (
    <PremiumIntegrationPage params={params} kind="s3_analytics">
      <AnalyticsExportsSection params={params} />
    </PremiumIntegrationPage>
  );
}
