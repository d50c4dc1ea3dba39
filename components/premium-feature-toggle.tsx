"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { FEATURE_LABELS, type PremiumFeature } from "@/lib/integrations/kinds";
import { setFeatureAction } from "@/app/[env]/settings/actions";
import { Button } from "./ui/button";

/** Owner-only switch for a premium integration family; the server checks the role again. */
export function PremiumFeatureToggle({ feature, enabled }: { feature: PremiumFeature; enabled: boolean }) {
  const router = useRouter();
  const mutation = useMutation({
    mutationFn: setFeatureAction,
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
