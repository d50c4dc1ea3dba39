"use client";
import type { IntegrationView } from "@/lib/integrations";
import { isS3Kind, type IntegrationKind } from "@/lib/integrations/kinds";
import { BLANK_MARKETO, BLANK_SALESFORCE, blankS3 } from "@/lib/integrations/form-blanks";
import { S3Form, type AwsCredentialChoice } from "./s3-form";
import type { SaveTarget } from "./use-save-integration";
import { MarketoForm, SalesforceForm } from "./vendor-forms";

/** The new/edit form of an integration of `kind`, in IntegrationsManager's dialog. */
export function IntegrationForm({
  kind,
  save,
  item,
  credentials,
  onSaved,
}: {
  kind: IntegrationKind;
  save: SaveTarget;
  item: IntegrationView | null;
  credentials: AwsCredentialChoice[];
  onSaved: () => void;
}) {
  const secretsSet = item?.secretsSet ?? {};
  const values = item?.values;
  if (isS3Kind(kind)) {
    const defaults = values && values.kind === kind ? values : blankS3(kind);
    return (
      <S3Form
        kind={kind}
        target={save}
        defaults={defaults}
        secretsSet={secretsSet}
        credentials={credentials}
        onSaved={onSaved}
      />
    );
  }
  if (kind === "salesforce")
    return (
      <SalesforceForm
        target={save}
        defaults={values?.kind === "salesforce" ? values : BLANK_SALESFORCE}
        secretsSet={secretsSet}
        onSaved={onSaved}
      />
    );
  return (
    <MarketoForm
      target={save}
      defaults={values?.kind === "marketo" ? values : BLANK_MARKETO}
      secretsSet={secretsSet}
      onSaved={onSaved}
    />
  );
}
