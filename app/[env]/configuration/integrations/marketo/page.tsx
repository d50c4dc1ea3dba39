import type { Metadata } from "next";
import { PremiumIntegrationPage } from "../_premium/premium-page";

export const metadata: Metadata = { title: "Marketo" };

export default function Page({ params }: { params: Promise<{ env: string }> }) {
  return <PremiumIntegrationPage params={params} kind="marketo" />;
}
