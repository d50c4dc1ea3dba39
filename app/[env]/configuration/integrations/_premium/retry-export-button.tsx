"use client";
import { useRouter } from "next/navigation";
import { toast } from "@/components/toast";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { retryAnalyticsExportAction } from "./actions";

/** "Retry now" on a bucket whose exports fail: its failing batches are tried again at once. */
export function RetryExportButton({ integrationId, name }: { integrationId: string; name: string }) {
  const router = useRouter();
  const retry = useAction(
    () => retryAnalyticsExportAction({ id: integrationId }),
    (result) => {
      if (!result.ok) return void toast.error(result.error);
      const batches = result.data.batches;
      toast.success(`Retrying ${batches.toLocaleString("en")} ${batches === 1 ? "batch" : "batches"}`);
      router.refresh();
    },
  );
  return (
    <Button
      size="sm"
      variant="secondary"
      aria-label={`Retry exports to ${name} now`}
      disabled={retry.pending}
      onClick={() => retry.run(undefined)}
    >
      Retry now
    </Button>
  );
}
