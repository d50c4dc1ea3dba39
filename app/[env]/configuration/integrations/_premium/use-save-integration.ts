"use client";
import { useRouter } from "next/navigation";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { toast } from "@/components/toast";
import { useActionForm } from "@/components/forms/use-action-form";
import { createIntegrationAction, updateIntegrationAction } from "./actions";

export type SaveTarget =
  { mode: "create"; environmentId: number } | { mode: "update"; id: string; version: number };

/** Create or update through the server action; field errors (under `values.`) go back to the form. */
export function useSaveIntegration<V extends FieldValues, O>(
  form: UseFormReturn<V, unknown, O>,
  target: SaveTarget,
  onSaved: () => void,
) {
  const router = useRouter();
  return useActionForm(
    form,
    (values: O) =>
      target.mode === "create"
        ? createIntegrationAction({ environmentId: target.environmentId, values })
        : updateIntegrationAction({ id: target.id, expectedVersion: target.version, values }),
    {
      prefix: "values.",
      onOk: (saved) => {
        toast.success(target.mode === "create" ? `"${saved.name}" saved` : `"${saved.name}" updated`);
        onSaved();
        router.refresh();
      },
    },
  );
}
