"use client";
import { SecretField } from "@/components/secret-field";
import { Alert } from "@/components/ui/card";

/** A signing secret after create or rotate: shown this once, with copy. */
export function SecretOnce({ secret, note }: { secret: string; note?: string }) {
  return (
    <div className="space-y-3">
      <Alert tone="warning" role="status">
        {note ??
          "Copy the signing secret now: it is stored encrypted and cannot be shown again. Verify each delivery's webhook-signature with it (any Standard Webhooks library)."}
      </Alert>
      <SecretField label="Signing secret" value={secret} />
    </div>
  );
}
