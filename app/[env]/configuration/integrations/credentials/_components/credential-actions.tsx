"use client";
import dynamic from "next/dynamic";
import { useEffect, useState, type ReactNode } from "react";
import { whenIdle } from "@/components/when-idle";
import type { CredentialUser } from "@/lib/credentials/users";
import { CREDENTIAL_ACTION } from "./format";
import { useDuplicateCredential } from "./use-duplicate-credential";

// The delete dialog is fetched once the page is idle, or when a Delete button is pointed at or
// focused, not with the page: it opens only after a click.
const loadDeleteDialog = () => import("./delete-credential-dialog").then((m) => m.DeleteCredentialDialog);
const DeleteCredentialDialog = dynamic(loadDeleteDialog, { ssr: false });
const preloadDeleteDialog = () => void loadDeleteDialog();

/**
 * Duplicate and Delete for every credential within: the buttons are plain (CredentialActionButtons:
 * no state, no hooks, rendered on the server), and this one client part answers their clicks. On
 * the list it is one mutation and one dialog for the table instead of a stateful client component
 * pair per row (which was about a third of the list's server render at 25 rows); on a
 * credential's page it keeps the dialog out of the page's first load. From a credential's page
 * (`leavePage`), a delete returns to the list, and the dialog says who uses it (`usedBy`).
 */
export function CredentialActions({
  environment,
  leavePage = false,
  usedBy,
  className,
  children,
}: {
  environment: string;
  leavePage?: boolean;
  usedBy?: CredentialUser[];
  className?: string;
  children: ReactNode;
}) {
  const duplicate = useDuplicateCredential(environment);
  const [doomed, setDoomed] = useState<{ id: string; name: string } | null>(null);
  useEffect(() => whenIdle(preloadDeleteDialog), []);
  return (
    <div
      className={className}
      onPointerOver={preloadDeleteDialog}
      onFocus={preloadDeleteDialog}
      onClick={(event) => {
        const button = (event.target as Element).closest<HTMLButtonElement>(`button[${CREDENTIAL_ACTION}]`);
        const { id, name } = button?.dataset ?? {};
        if (!button || !id || !name) return;
        if (button.getAttribute(CREDENTIAL_ACTION) === "delete") setDoomed({ id, name });
        else if (!duplicate.pending) duplicate.run({ environment, id });
      }}
    >
      {children}
      {doomed ? (
        <DeleteCredentialDialog
          key={doomed.id}
          environment={environment}
          id={doomed.id}
          name={doomed.name}
          leavePage={leavePage}
          usedBy={usedBy}
          open
          onOpenChange={(open) => {
            if (!open) setDoomed(null);
          }}
        />
      ) : null}
    </div>
  );
}
