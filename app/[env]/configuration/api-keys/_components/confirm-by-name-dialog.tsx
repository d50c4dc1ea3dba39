"use client";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import type { ActionResult } from "@/lib/result";
import { ConfirmByNameDialog as ConfirmDialog } from "@/components/confirm-by-name-dialog";
import { Button } from "@/components/ui/button";
import { deleteApiKeyAction, revokeApiKeyAction } from "../actions";

const ACTIONS = {
  revoke: { run: revokeApiKeyAction, title: "Revoke API key", button: "Revoke key", done: "API key revoked" },
  delete: { run: deleteApiKeyAction, title: "Delete API key", button: "Delete key", done: "API key deleted" },
} satisfies Record<
  string,
  { run: (input: unknown) => Promise<ActionResult>; title: string; button: string; done: string }
>;

/** Revoke or delete an API key, confirmed by typing the key's name (the console's one dialog). */
export function ConfirmByNameDialog({
  action,
  environment,
  keyId,
  keyName,
  children,
}: {
  action: keyof typeof ACTIONS;
  environment: string;
  keyId: string;
  keyName: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const config = ACTIONS[action];
  return (
    <ConfirmDialog
      trigger={<Button variant="danger">{config.button}</Button>}
      title={config.title}
      name={keyName}
      confirmLabel={config.button}
      run={(confirmName) => config.run({ environment, id: keyId, confirmName })}
      done={config.done}
      onDone={() => {
        if (action === "delete") router.push(`/${environment}/configuration/api-keys`);
        router.refresh();
      }}
    >
      {children}
    </ConfirmDialog>
  );
}
