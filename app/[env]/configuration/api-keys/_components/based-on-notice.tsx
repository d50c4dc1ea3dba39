import { Alert } from "@/components/ui/card";
import type { BasedOnKey } from "./new-api-key-form";

/** Above the new-key form filled from a key's observed use: where its values come from. */
export function BasedOnNotice({ basedOn }: { basedOn: BasedOnKey }) {
  return (
    <Alert role="status">
      From the observed use of <strong>{basedOn.name}</strong>{" "}
      <span className="font-mono text-xs">({basedOn.clientId})</span>: the permissions its calls needed in the
      last {basedOn.windowDays} days are selected
      {basedOn.allowlist.length ? ", and its IP allowlist is copied" : ""}. Review them, name the key and
      create it; {basedOn.name} is not changed.
      {basedOn.uncovered.length
        ? ` Its calls to the credentials API need the legacy role ${basedOn.uncovered.join(", ")}, which no permission covers.`
        : ""}
    </Alert>
  );
}
