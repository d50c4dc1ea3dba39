"use client";
import { useForm, useWatch } from "react-hook-form";
import type { S3Kind } from "@/lib/integrations/kinds";
import type { S3FormInput, S3Values } from "@/lib/integrations/schemas";
import { lazyZodResolver } from "@/components/forms/lazy-zod-resolver";
import { Field, fieldAria } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/input";
import { CheckboxField, SecretInput, TextField } from "./form-parts";
import { FormShell } from "./form-shell";
import { useSaveIntegration, type SaveTarget } from "./use-save-integration";

export type AwsCredentialChoice = { id: string; name: string; region: string };

export function S3Form({
  kind,
  target,
  defaults,
  secretsSet,
  credentials,
  onSaved,
}: {
  kind: S3Kind;
  target: SaveTarget;
  defaults: S3FormInput;
  secretsSet: Record<string, boolean>;
  credentials: AwsCredentialChoice[];
  onSaved: () => void;
}) {
  const form = useForm<S3FormInput, unknown, S3Values>({
    resolver: lazyZodResolver<S3FormInput, S3Values>(() =>
      import("@/lib/integrations/schemas").then((m) => m.s3FieldsFor(kind, target.mode)),
    ),
    defaultValues: defaults,
  });
  const save = useSaveIntegration(form, target, onSaved);
  const { errors } = form.formState;
  const mode = useWatch({ control: form.control, name: "credentialMode" });
  return (
    <FormShell label="S3 bucket" failure={save.failure} pending={save.pending} onSubmit={save.onSubmit}>
      <TextField
        id="s3-name"
        label="Name"
        registration={form.register("name")}
        error={errors.name?.message}
        help="How this bucket is called in the console."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="s3-bucket"
          label="Bucket"
          registration={form.register("bucket")}
          error={errors.bucket?.message}
          placeholder="my-company-analytics"
        />
        <TextField
          id="s3-region"
          label="Region"
          registration={form.register("region")}
          error={errors.region?.message}
          placeholder="us-east-1"
        />
      </div>
      <TextField
        id="s3-prefix"
        label="Prefix (optional)"
        registration={form.register("prefix")}
        error={errors.prefix?.message}
        help="Objects are written below this key prefix, e.g. workbench/."
      />

      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-800">AWS credential</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input
              type="radio"
              value="credential"
              className="accent-brand-700"
              {...form.register("credentialMode")}
            />
            A saved AWS Signed Request credential
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              value="keys"
              className="accent-brand-700"
              {...form.register("credentialMode")}
            />
            Its own access keys
          </label>
        </div>
        {mode === "credential" ? (
          <Field
            id="s3-credential"
            label="Credential"
            error={errors.credentialId?.message}
            help={
              credentials.length
                ? "Only its access key ID and secret are used; the bucket's region applies."
                : "No AWS Signed Request credential exists in this environment yet."
            }
          >
            <NativeSelect
              {...fieldAria("s3-credential", errors.credentialId?.message, true)}
              {...form.register("credentialId")}
            >
              <option value="">Choose a credential…</option>
              {credentials.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                  {c.region ? ` (${c.region})` : ""}
                </option>
              ))}
            </NativeSelect>
          </Field>
        ) : (
          <div className="space-y-3">
            <TextField
              id="s3-access-key-id"
              label="Access key ID"
              registration={form.register("accessKeyId")}
              error={errors.accessKeyId?.message}
            />
            <SecretInput
              id="s3-secret-access-key"
              label="Secret access key"
              registration={form.register("secretAccessKey")}
              error={errors.secretAccessKey?.message}
              stored={!!secretsSet.secretAccessKey}
            />
            <SecretInput
              id="s3-session-token"
              label="Session token (optional)"
              registration={form.register("sessionToken")}
              error={errors.sessionToken?.message}
              stored={!!secretsSet.sessionToken}
              optional
            />
          </div>
        )}
      </fieldset>

      <TextField
        id="s3-endpoint"
        label="Endpoint URL (optional)"
        registration={form.register("endpointUrl")}
        error={errors.endpointUrl?.message}
        help="For S3-compatible stores (MinIO, Ceph, R2…). Leave empty for AWS."
        placeholder="https://s3.example.com"
      />
      <CheckboxField
        id="s3-path-style"
        label="Path-style addressing"
        registration={form.register("forcePathStyle")}
        help="Send requests to endpoint/bucket/key instead of bucket.endpoint/key; most S3-compatible stores need this."
      />
    </FormShell>
  );
}
