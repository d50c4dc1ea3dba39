import { Copy } from "@/components/ui/icons/copy";
import { Trash2 } from "@/components/ui/icons/trash-2";
import { Button } from "@/components/ui/button";
import { CREDENTIAL_ACTION } from "./format";

/**
 * A credential's Duplicate and Delete buttons, which CredentialActions around them answers:
 * `compact` in a list row (named after the credential), full size on its page.
 */
export function CredentialActionButtons({
  id,
  name,
  compact = false,
}: {
  id: string;
  name: string;
  compact?: boolean;
}) {
  const attributes = (action: "duplicate" | "delete") => ({
    [CREDENTIAL_ACTION]: action,
    "data-id": id,
    "data-name": name,
  });
  return (
    <>
      <Button
        type="button"
        variant={compact ? "ghost" : "secondary"}
        size={compact ? "sm" : "md"}
        aria-label={compact ? `Duplicate ${name}` : undefined}
        {...attributes("duplicate")}
      >
        <Copy aria-hidden /> Duplicate
      </Button>
      <Button
        type="button"
        variant={compact ? "ghost" : "danger"}
        size={compact ? "sm" : "md"}
        aria-label={compact ? `Delete ${name}` : undefined}
        aria-haspopup="dialog"
        {...attributes("delete")}
      >
        <Trash2 aria-hidden /> Delete
      </Button>
    </>
  );
}
