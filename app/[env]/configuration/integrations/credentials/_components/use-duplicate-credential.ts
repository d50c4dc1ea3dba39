"use client";
import { useRouter } from "next/navigation";
import { toast } from "@/components/toast";
import { useAction } from "@/components/forms/use-action";
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
