"use client";
import { useForm } from "react-hook-form";
import type {
  MarketoFormInput,
  MarketoValues,
  SalesforceFormInput,
  SalesforceValues,
} from "@/lib/integrations/schemas";
import { lazyZodResolver } from "@/components/forms/lazy-zod-resolver";
import { SecretInput, TextField } from "./form-parts";
import { FormShell } from "./form-shell";
import { useSaveIntegration, type SaveTarget } from "./use-save-integration";

type FormProps<T> = {
  target: SaveTarget;
  defaults: T;
  secretsSet: Record<string, boolean>;
  onSaved: () => void;
};

export function SalesforceForm({ target, defaults, secretsSet, onSaved }: FormProps<SalesforceFormInput>) {
  const form = useForm<SalesforceFormInput, unknown, SalesforceValues>({
    resolver: lazyZodResolver<SalesforceFormInput, SalesforceValues>(() =>
      import("@/lib/integrations/schemas").then((m) => m.salesforceFieldsFor(target.mode)),
    ),
    defaultValues: defaults,
  });
  const save = useSaveIntegration(form, target, onSaved);
  const { errors } = form.formState;
  return (
    <FormShell
      label="Salesforce Marketing Cloud"
      failure={save.failure}
      pending={save.pending}
      onSubmit={save.onSubmit}
    >
      <TextField
        id="sf-name"
        label="Name"
        registration={form.register("name")}
        error={errors.name?.message}
      />
      <TextField
        id="sf-subdomain"
        label="Subdomain"
        registration={form.register("subdomain")}
        error={errors.subdomain?.message}
        help="From your installed package's authentication base URI: https://SUBDOMAIN.auth.marketingcloudapis.com/"
      />
      <TextField
        id="sf-auth-base"
        label="Auth base URL (instead of a subdomain)"
        registration={form.register("authBaseUrl")}
        error={errors.authBaseUrl?.message}
        placeholder="https://….auth.marketingcloudapis.com/"
      />
      <TextField
        id="sf-client-id"
        label="Client ID"
        registration={form.register("clientId")}
        error={errors.clientId?.message}
      />
      <SecretInput
        id="sf-client-secret"
        label="Client secret"
        registration={form.register("clientSecret")}
        error={errors.clientSecret?.message}
        stored={!!secretsSet.clientSecret}
      />
      <TextField
        id="sf-account-id"
        label="Account ID (MID)"
        registration={form.register("accountId")}
        error={errors.accountId?.message}
        help="The business unit's MID; sent as account_id. Optional."
      />
    </FormShell>
  );
}

export function MarketoForm({ target, defaults, secretsSet, onSaved }: FormProps<MarketoFormInput>) {
  const form = useForm<MarketoFormInput, unknown, MarketoValues>({
    resolver: lazyZodResolver<MarketoFormInput, MarketoValues>(() =>
      import("@/lib/integrations/schemas").then((m) => m.marketoFieldsFor(target.mode)),
    ),
    defaultValues: defaults,
  });
  const save = useSaveIntegration(form, target, onSaved);
  const { errors } = form.formState;
  return (
    <FormShell label="Marketo" failure={save.failure} pending={save.pending} onSubmit={save.onSubmit}>
      <TextField
        id="mk-name"
        label="Name"
        registration={form.register("name")}
        error={errors.name?.message}
      />
      <TextField
        id="mk-munchkin"
        label="Munchkin ID"
        registration={form.register("munchkinId")}
        error={errors.munchkinId?.message}
        placeholder="123-ABC-456"
        help="Admin › Munchkin. The endpoints are then https://MUNCHKIN.mktorest.com."
      />
      <TextField
        id="mk-base-url"
        label="Base URL (instead of a Munchkin ID)"
        registration={form.register("baseUrl")}
        error={errors.baseUrl?.message}
        placeholder="https://123-ABC-456.mktorest.com"
        help="The REST or Identity endpoint from Admin › Web Services."
      />
      <TextField
        id="mk-client-id"
        label="Client ID"
        registration={form.register("clientId")}
        error={errors.clientId?.message}
      />
      <SecretInput
        id="mk-client-secret"
        label="Client secret"
        registration={form.register("clientSecret")}
        error={errors.clientSecret?.message}
        stored={!!secretsSet.clientSecret}
      />
    </FormShell>
  );
}
