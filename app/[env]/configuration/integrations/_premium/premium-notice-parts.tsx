"use client";
import dynamic from "next/dynamic";

// The notice's client parts, fetched only when the notice is shown (a premium feature is off),
// not with every premium page.
export const NoticeCopyButton = dynamic(() => import("@/components/copy-button").then((m) => m.CopyButton));
export const NoticeFeatureToggle = dynamic(() =>
  import("@/components/premium-feature-toggle").then((m) => m.PremiumFeatureToggle),
);
