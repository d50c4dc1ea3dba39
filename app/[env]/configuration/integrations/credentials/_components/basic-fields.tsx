"use client";
import { TriangleAlert } from "@/components/ui/icons/triangle-alert";
import { CREDENTIAL_TYPE_INFO } from "@/lib/credentials/kinds/catalogue";
import { Alert } from "@/components/ui/card";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { errorOf, textField, type TypeFieldsProps } from "./form-types";
import { SecretInput } from "./secret-input";

export function BasicFields({ form, mode, secretsSet, readOnly }: TypeFieldsProps) {
  const userError = errorOf(form, "username");
  return (
    <>
      <Alert tone="warning" className="flex gap-2">
        <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
        <span>
          <strong>Security: </strong>
          {CREDENTIAL_TYPE_INFO.basic.warning}
        </span>
      </Alert>
      <Field id="basic-username" label="User name" error={userError}>
        <Input
          autoComplete="off"
          readOnly={readOnly}
          {...fieldAria("basic-username", userError)}
          {...textField(form, "username")}
        />
      </Field>
      <SecretInput
        form={form}
        name="password"
        id="basic-password"
        label="Password"
        stored={mode === "update" && Boolean(secretsSet.password)}
        readOnly={readOnly}
      />
    </>
  );
}
