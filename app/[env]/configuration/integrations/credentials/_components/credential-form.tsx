"use client";
import { Link } from "@/components/ui/link";
import { useRouter } from "next/navigation";
import dynamic from "next/dynamic";
import { useRef, useState } from "react";
import type { z } from "zod";
import { toast } from "@/components/toast";
import { useValuesForm } from "@/components/forms/use-values-form";
import { unsavedChanges, useLeaveConfirmation } from "@/components/forms/use-leave-confirmation";
import { Button } from "@/components/ui/button";
import { Card, FormFailure } from "@/components/ui/card";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { createCredentialAction, updateCredentialAction } from "../actions";
import { DestinationsField } from "./destinations-field";
import { errorOf, textField, type CredentialFormInput, type CredentialFormOutput } from "./form-types";
import { KIND_FIELDS } from "./kind-fields";

const UNSAVED = unsavedChanges("This credential");

// Test before saving is on the new-credential form only: a saved credential's page does not fetch it.
const UnsavedTest = dynamic(() => import("./unsaved-test").then((m) => m.UnsavedTest));

type Props = {
  environment: string;
  /** The form's accessible name ("New Basic auth credential", "Credential settings"). */
  label: string;
  defaultValues: CredentialFormInput;
  readOnly?: boolean;
} & (
  | { mode: "create" }
  | {
      mode: "update";
      id: string;
      version: number;
      secretsSet: Record<string, boolean>;
    }
);

/** The type-specific credential form: validated with the shared schema, saved by a server action. */
export function CredentialForm(props: Props) {
  const { environment, label, defaultValues, mode, readOnly = false } = props;
  const router = useRouter();
  const [version, setVersion] = useState(props.mode === "update" ? props.version : 0);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useValuesForm({
    formRef,
    initial: defaultValues,
    schema: () =>
      import("@/lib/credentials/schemas").then(
        (m) => m.credentialFormSchema(mode) as z.ZodType<CredentialFormOutput, CredentialFormInput>,
      ),
    action: (values) =>
      props.mode === "create"
        ? createCredentialAction({ environment, credential: values })
        : updateCredentialAction({ environment, id: props.id, expectedVersion: version, credential: values }),
    prefix: "credential.",
    entries: ["allowedDestinations"],
    onOk: (saved, values) => {
      if (props.mode === "create") {
        toast.success(`Credential ${saved.name} saved`);
        router.push(`/${environment}/configuration/integrations/credentials/${saved.id}`);
        return;
      }
      toast.success("Changes saved");
      setVersion(saved.version);
      // Saved: nothing left to lose at once; then the write-only secrets are emptied again (the
      // kinds' catalogue that knows them is fetched now, not with the page).
      form.reset(values as CredentialFormInput);
      void import("./defaults").then((m) => form.reset(m.withoutSecrets(values as CredentialFormInput)));
      router.refresh();
    },
  });
  // Leaving with unsaved edits asks first (saving resets the form, so it stops asking).
  const leave = useLeaveConfirmation(form.dirty && !readOnly, UNSAVED);
  const nameError = errorOf(form, "name");
  const type = defaultValues.type;
  const TypeFields = KIND_FIELDS[type];
  const secretsSet = props.mode === "update" ? props.secretsSet : {};

  return (
    <Card className="p-6">
      <form aria-label={label} noValidate className="space-y-5" ref={formRef} onSubmit={form.onSubmit}>
        <FormFailure message={form.failure} />
        <fieldset disabled={readOnly} className="space-y-5">
          <Field
            id="credential-name"
            label="Name"
            error={nameError}
            help="Unique in this environment; used to pick the credential for webhook endpoints, Send Request and S3 buckets."
          >
            <Input
              autoComplete="off"
              {...fieldAria("credential-name", nameError, true)}
              {...textField(form, "name")}
            />
          </Field>
          <TypeFields form={form} mode={mode} secretsSet={secretsSet} readOnly={readOnly} />
          <DestinationsField form={form} readOnly={readOnly} />
        </fieldset>
        {mode === "create" && !readOnly ? (
          <UnsavedTest form={form} environment={environment} type={type} />
        ) : null}
        {!readOnly ? (
          <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
            <Button variant="secondary" asChild>
              <Link href={`/${environment}/configuration/integrations/credentials`}>Cancel</Link>
            </Button>
            <Button type="submit" disabled={form.pending}>
              {form.pending ? "Saving…" : "Save"}
            </Button>
          </div>
        ) : null}
      </form>
      {leave.dialog}
    </Card>
  );
}
