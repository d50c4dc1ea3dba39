"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
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
  const mutation = useMutation({
    mutationFn: setFeature,
    onSuccess: (result) => {
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      toast.success(
        `${FEATURE_LABELS[feature]} ${result.data[feature] ? "enabled" : "disabled"} for this organisation`,
      );
      router.refresh();
    },
  });
  return (
    <Button
      type="button"
      variant={enabled ? "secondary" : "primary"}
      size="sm"
      disabled={mutation.isPending}
      onClick={() => mutation.mutate({ feature, enabled: !enabled })}
    >
      {enabled ? `Disable ${FEATURE_LABELS[feature]}` : `Enable ${FEATURE_LABELS[feature]}`}
    </Button>
  );
}
