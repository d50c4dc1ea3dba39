"use client";
import { Copy } from "@/components/ui/icons/copy";
import { Trash2 } from "@/components/ui/icons/trash-2";
import dynamic from "next/dynamic";
import { useEffect, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { whenIdle } from "@/components/when-idle";
import { useDuplicateCredential } from "./duplicate-button";

// The delete dialog is fetched once the page is idle, or when a row's button is pointed at or
// focused, not with the list: it opens only after a click.
const loadDeleteDialog = () => import("./delete-credential-dialog").then((m) => m.DeleteCredentialDialog);
const DeleteCredentialDialog = dynamic(loadDeleteDialog, { ssr: false });
const preloadDeleteDialog = () => void loadDeleteDialog();

/** The attribute of a row's Duplicate and Delete buttons: "duplicate" | "delete". */
const ROW_ACTION = "data-credential-action";

/**
 * The list's Duplicate and Delete for all its rows: each row renders plain buttons
 * (CredentialRowActions: no state, no hooks), and this one client part answers their clicks —
 * one mutation and one dialog for the table instead of a stateful client component pair per
 * row, which was about a third of the list's server render at 25 rows.
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
  useEffect(() => whenIdle(preloadDeleteDialog), []);
  return (
    <div
      onPointerOver={preloadDeleteDialog}
      onFocus={preloadDeleteDialog}
      onClick={(event) => {
        const button = (event.target as Element).closest<HTMLButtonElement>(`button[${ROW_ACTION}]`);
        const { id, name } = button?.dataset ?? {};
        if (!button || !id || !name) return;
        if (button.getAttribute(ROW_ACTION) === "delete") setDoomed({ id, name });
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
          open
          onOpenChange={(open) => {
            if (!open) setDoomed(null);
          }}
        />
      ) : null}
    </div>
  );
}

/** A row's Duplicate and Delete buttons; CredentialListActions around the table answers them. */
export function CredentialRowActions({ id, name }: { id: string; name: string }) {
  const attributes = (action: "duplicate" | "delete") => ({
    [ROW_ACTION]: action,
    "data-id": id,
    "data-name": name,
  });
  return (
    <>
      <Button
        type="button"
        variant="ghost"
        size="sm"
        aria-label={`Duplicate ${name}`}
        {...attributes("duplicate")}
      >
        <Copy aria-hidden /> Duplicate
      </Button>
      <Button
        type="button"
        variant="ghost"
        size="sm"
        aria-label={`Delete ${name}`}
        aria-haspopup="dialog"
        {...attributes("delete")}
      >
        <Trash2 aria-hidden /> Delete
      </Button>
    </>
  );
}
