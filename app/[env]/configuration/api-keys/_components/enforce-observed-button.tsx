"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "@/components/toast";
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
  const mutation = useMutation({
    mutationFn: enforceObservedAddressesAction,
    onSuccess: (result) => {
      if (result.ok) {
        toast.success("Addresses allowed; the allowlist is enforced");
        router.refresh();
      }
    },
  });
  const failure = mutation.data && !mutation.data.ok ? mutation.data.error : null;
  return (
    <div className="space-y-2">
      <FormFailure message={failure} />
      <Button
        disabled={mutation.isPending}
        onClick={() => mutation.mutate({ environment, id: keyId, expectedVersion: version })}
      >
        {mutation.isPending
          ? "Allowing…"
          : `Allow ${count === 1 ? "this address" : `these ${count} addresses`} and enforce`}
      </Button>
    </div>
  );
}
