"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "@/components/toast";
import { FEATURE_LABELS, type PremiumFeature } from "@/lib/integrations/kinds";
import type { ActionResult } from "@/lib/result";
import { Button } from "./ui/button";

/** The server action that turns a family on or off, answering every family's state. */
export type SetFeature = (input: {
  feature: PremiumFeature;
  enabled: boolean;
}) => Promise<ActionResult<Record<PremiumFeature, boolean>>>;

/** Owner-only switch for a premium integration family; the server checks the role again. */
export function PremiumFeatureToggle({
  feature,
  enabled,
  setFeature,
}: {
  feature: PremiumFeature;
  enabled: boolean;
  setFeature: SetFeature;
}) {
  const router = useRouter();
  // A transition, not a query library: one request, pending until the refreshed page is in.
  const [pending, startTransition] = useTransition();
  const toggle = () =>
    startTransition(async () => {
      let result;
      try {
        result = await setFeature({ feature, enabled: !enabled });
      } catch (error) {
        console.error(error); // the action could not be reached
        return;
      }
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      toast.success(
        `${FEATURE_LABELS[feature]} ${result.data[feature] ? "enabled" : "disabled"} for this organisation`,
      );
      router.refresh();
    });
  return (
    <Button
      type="button"
      variant={enabled ? "secondary" : "primary"}
      size="sm"
      disabled={pending}
      onClick={toggle}
    >
      {enabled ? `Disable ${FEATURE_LABELS[feature]}` : `Enable ${FEATURE_LABELS[feature]}`}
    </Button>
  );
}
