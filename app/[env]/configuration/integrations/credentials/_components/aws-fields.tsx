"use client";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { checkboxField, errorOf, textField, type TypeFieldsProps } from "./form-types";
import { SecretInput } from "./secret-input";

/** Where a value lands in the SigV4 credential scope. */
function ScopeExample({ part }: { part: "service" | "region" }) {
  return (
    <code className="mt-1 block break-all rounded bg-slate-100 px-2 py-1 font-mono text-[11px] text-slate-800">
      AWS4-HMAC-SHA256 Credential=ACCESS_KEY_ID/20241022/
      {part === "region" ? <strong className="text-brand-800">THE_REGION</strong> : "us-east-1"}/
      {part === "service" ? <strong className="text-brand-800">THE_SERVICE</strong> : "THE_SERVICE"}
      /aws4_request…
    </code>
  );
}

export function AwsFields({ form, mode, secretsSet, readOnly }: TypeFieldsProps) {
  const keyError = errorOf(form, "accessKeyId");
  const serviceError = errorOf(form, "service");
  const regionError = errorOf(form, "region");
  const tokenStored = mode === "update" && Boolean(secretsSet.sessionToken);
  return (
    <>
      <p className="text-sm text-slate-600">
        Signs each request with AWS Signature Version 4. Create a bot user in AWS IAM with least-privileged
        access for this credential.
      </p>
      <Field
        id="aws-access-key-id"
        label="Access key ID"
        error={keyError}
        help="The ID of the access key of the AWS IAM user."
      >
        <Input
          autoComplete="off"
          spellCheck={false}
          readOnly={readOnly}
          {...fieldAria("aws-access-key-id", keyError, true)}
          {...textField(form, "accessKeyId")}
        />
      </Field>
      <SecretInput
        form={form}
        name="secretAccessKey"
        id="aws-secret-access-key"
        label="Secret access key"
        stored={mode === "update" && Boolean(secretsSet.secretAccessKey)}
        help="The secret access key of the AWS IAM user."
        readOnly={readOnly}
      />
      <SecretInput
        form={form}
        name="sessionToken"
        id="aws-session-token"
        label="Session token (optional)"
        stored={tokenStored}
        help="For temporary IAM STS credentials; sent as X-Amz-Security-Token."
        readOnly={readOnly}
      />
      {tokenStored && !readOnly ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" {...checkboxField(form, "clearSessionToken")} /> Remove the stored session
          token
        </label>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <Field
          id="aws-service"
          label="Service"
          error={serviceError}
          help={
            <>
              Added to the credential scope exactly as entered, e.g. sts, s3, execute-api:
              <ScopeExample part="service" />
            </>
          }
        >
          <Input
            autoComplete="off"
            spellCheck={false}
            readOnly={readOnly}
            {...fieldAria("aws-service", serviceError, true)}
            {...textField(form, "service")}
          />
        </Field>
        <Field
          id="aws-region"
          label="Region"
          error={regionError}
          help={
            <>
              Added to the credential scope exactly as entered, e.g. us-east-1:
              <ScopeExample part="region" />
            </>
          }
        >
          <Input
            autoComplete="off"
            spellCheck={false}
            readOnly={readOnly}
            {...fieldAria("aws-region", regionError, true)}
            {...textField(form, "region")}
          />
        </Field>
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-1"
          disabled={readOnly}
          aria-describedby="aws-sign-query-help"
          {...checkboxField(form, "signQuery")}
        />
        <span>
          <span className="font-medium">Sign query</span>
          <span id="aws-sign-query-help" className="block text-xs text-slate-600">
            Sign the request query (a presigned URL) instead of adding an Authorization header.
          </span>
        </span>
      </label>
    </>
  );
}
