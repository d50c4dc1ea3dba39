"use client";
import { useRouter } from "next/navigation";
import { ConfirmByNameDialog } from "@/components/confirm-by-name-dialog";
import type { CredentialUser } from "@/lib/credentials/users";
import { deleteCredentialAction } from "../actions";
import { credentialsPath } from "./format";

/**
 * Deletes after the name is typed; from a credential's page it returns to the list. It has no
 * button of its own: CredentialActions opens it from a Delete button (a list row's, the page's).
 */
export function DeleteCredentialDialog({
  environment,
  id,
  name,
  leavePage = false,
  usedBy,
  open,
  onOpenChange,
}: {
  environment: string;
  id: string;
  name: string;
  leavePage?: boolean;
  /** Its users, when known (the credential's page); the server refuses a credential in use anyway. */
  usedBy?: CredentialUser[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const router = useRouter();
  return (
    <ConfirmByNameDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Delete credential"
      name={name}
      confirmLabel="Delete credential"
      pendingLabel="Deleting…"
      run={(confirmName) => deleteCredentialAction({ environment, id, confirmName })}
      done={(data) => `Credential ${data.name} deleted`}
      onDone={() => {
        if (leavePage) router.push(credentialsPath(environment));
        router.refresh();
      }}
    >
      <p>
        {usedBy?.length
          ? `${name} is used by ${usedBy.map((u) => `${u.kindLabel} "${u.name}"`).join(", ")}: change ${usedBy.length === 1 ? "it" : "them"} to use another credential before deleting it.`
          : "Requests that use this credential stop being authenticated. This cannot be undone; the audit log keeps its entries."}
      </p>
    </ConfirmByNameDialog>
  );
}
