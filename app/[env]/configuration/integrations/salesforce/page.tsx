import type { Metadata } from "next";
import { PremiumIntegrationPage } from "../_premium/premium-page";

export const metadata: Metadata = { title: "Salesforce" };

export default function Page({ params }: { params: Promise<{ env: string }> }) {
  return <PremiumIntegrationPage params={params} kind="salesforce" />;
}
