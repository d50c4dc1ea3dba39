"use client";
import { useRouter } from "next/navigation";
import { toast } from "@/components/toast";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { FormFailure } from "@/components/ui/card";
import { enforceObservedAddressesAction } from "../actions";

/** "Allow these and enforce": one click, audited. */
export function EnforceObservedButton({
  environment,
  keyId,
  version,
  count,
}: {
  environment: string;
  keyId: string;
  version: number;
  count: number;
}) {
  const router = useRouter();
  const mutation = useAction(enforceObservedAddressesAction, (result) => {
    if (result.ok) {
      toast.success("Addresses allowed; the allowlist is enforced");
      router.refresh();
    }
  });
  const failure = mutation.failure;
  return (
    <div className="space-y-2">
      <FormFailure message={failure} />
      <Button
        disabled={mutation.pending}
        onClick={() => mutation.run({ environment, id: keyId, expectedVersion: version })}
      >
        {mutation.pending
          ? "Allowing…"
          : `Allow ${count === 1 ? "this address" : `these ${count} addresses`} and enforce`}
      </Button>
    </div>
  );
}
