"use client";
import { Copy } from "@/components/ui/icons/copy";
import { useRouter } from "next/navigation";
import { toast } from "@/components/toast";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { duplicateCredentialAction } from "../actions";
import { credentialsPath } from "./format";

/** Duplicates a credential (settings and secrets, under a "Copy of …" name) and opens the copy. */
export function useDuplicateCredential(environment: string) {
  const router = useRouter();
  return useAction(duplicateCredentialAction, (result) => {
    if (!result.ok) {
      toast.error(result.error);
      return;
    }
    toast.success(`Copied as ${result.data.name}`);
    router.push(`${credentialsPath(environment)}/${result.data.id}`);
  });
}

/** Copies settings and secrets under a "Copy of …" name and opens the copy. */
export function DuplicateButton({
  environment,
  id,
  name,
  compact = false,
}: {
  environment: string;
  id: string;
  name: string;
  compact?: boolean;
}) {
  const mutation = useDuplicateCredential(environment);
  return (
    <Button
      type="button"
      variant={compact ? "ghost" : "secondary"}
      size={compact ? "sm" : "md"}
      aria-label={compact ? `Duplicate ${name}` : undefined}
      disabled={mutation.pending}
      onClick={() => mutation.run({ environment, id })}
    >
      <Copy aria-hidden /> Duplicate
    </Button>
  );
}
