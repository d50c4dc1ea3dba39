"use client";
import { useState, type ReactNode } from "react";
import { DeleteCredentialDialog } from "./delete-credential-dialog";
import { useDuplicateCredential } from "./duplicate-button";
import { ROW_ACTION } from "./format";

/**
 * The list's Duplicate and Delete for all its rows: each row renders plain buttons (ROW_ACTION,
 * with the credential's id and name), and this one client part answers their clicks — one
 * mutation and one dialog for the table instead of a client component pair per row, which was
 * about a third of the list's server render at 25 rows.
 */
export function CredentialListActions({
  environment,
  children,
}: {
  environment: string;
  children: ReactNode;
}) {
  const duplicate = useDuplicateCredential(environment);
  const [doomed, setDoomed] = useState<{ id: string; name: string } | null>(null);
  return (
    <div
      onClick={(event) => {
        const button = (event.target as Element).closest<HTMLButtonElement>(`button[${ROW_ACTION}]`);
        const { id, name } = button?.dataset ?? {};
        if (!button || !id || !name) return;
        if (button.getAttribute(ROW_ACTION) === "delete") setDoomed({ id, name });
        else if (!duplicate.isPending) duplicate.mutate({ environment, id });
      }}
    >
      {children}
      {doomed ? (
        <DeleteCredentialDialog
          key={doomed.id}
          environment={environment}
          id={doomed.id}
          name={doomed.name}
          open
          onOpenChange={(open) => {
            if (!open) setDoomed(null);
          }}
        />
      ) : null}
    </div>
  );
}
