"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/toast";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { setSecretExpiryAction } from "../actions";

/**
 * The date the credential's secret expires at its provider (a Salesforce or OAuth client secret,
 * an AWS access key…): 14 and 3 days before, the console warns and `credential.secret_expiring`
 * goes out through the webhooks.
 */
export function SecretExpiryForm({
  environment,
  id,
  secretExpiresOn,
  canEdit,
}: {
  environment: string;
  id: string;
  /** `YYYY-MM-DD`, or empty. */
  secretExpiresOn: string;
  canEdit: boolean;
}) {
  const router = useRouter();
  const [value, setValue] = useState(secretExpiresOn);
  const save = useAction(setSecretExpiryAction, (result) => {
    if (!result.ok) return;
    toast.success(result.data.secretExpiresAt ? "Secret expiry saved" : "Secret expiry cleared");
    router.refresh();
  });
  const error =
    save.result && !save.result.ok
      ? (save.result.fieldErrors?.secretExpiresOn ?? save.result.error)
      : undefined;
  return (
    <section aria-labelledby="secret-expiry-heading" className="space-y-2">
      <h2 id="secret-expiry-heading" className="text-base font-semibold">
        Secret expiry at the provider
      </h2>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          save.run({ environment, id, secretExpiresOn: value });
        }}
      >
        <Field
          id="secret-expires-on"
          label="Secret expires on"
          help="The date the provider retires this secret (UTC). Leave empty if it does not expire."
          error={error}
          className="min-w-56"
        >
          <Input
            {...fieldAria("secret-expires-on", error, true)}
            type="date"
            value={value}
            disabled={!canEdit}
            onChange={(event) => setValue(event.target.value)}
          />
        </Field>
        {canEdit ? (
          <Button type="submit" variant="secondary" disabled={save.pending || value === secretExpiresOn}>
            {save.pending ? "Saving…" : "Save expiry"}
          </Button>
        ) : null}
      </form>
    </section>
  );
}
