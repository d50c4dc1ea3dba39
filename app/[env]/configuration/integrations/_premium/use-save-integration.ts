"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import type { IntegrationView } from "@/lib/integrations";
import type { ActionResult } from "@/lib/result";
import { createIntegrationAction, updateIntegrationAction } from "./actions";

export type SaveTarget =
  { mode: "create"; environmentId: number } | { mode: "update"; id: string; version: number };

/** Create or update through the server action; field errors go back to the form. */
export function useSaveIntegration<V>(
  target: SaveTarget,
  onSaved: () => void,
  setFieldError: (field: string, message: string) => void,
) {
  const router = useRouter();
  return useMutation({
    mutationFn: (values: V): Promise<ActionResult<IntegrationView>> =>
      target.mode === "create"
        ? createIntegrationAction({ environmentId: target.environmentId, values })
        : updateIntegrationAction({ id: target.id, expectedVersion: target.version, values }),
    onSuccess: (result) => {
      if (result.ok) {
        toast.success(
          target.mode === "create" ? `"${result.data.name}" saved` : `"${result.data.name}" updated`,
        );
        onSaved();
        router.refresh();
        return;
      }
      for (const [field, message] of Object.entries(result.fieldErrors ?? {}))
        setFieldError(field.replace(/^values\./, ""), message);
    },
  });
}
