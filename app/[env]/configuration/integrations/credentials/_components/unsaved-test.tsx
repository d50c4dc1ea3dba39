"use client";
import { FlaskConical } from "@/components/ui/icons/flask-conical";
import { useCallback, useState } from "react";
import { useFormAction } from "@/components/forms/use-values-form";
import { Button } from "@/components/ui/button";
import { FormFailure } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { CredentialType } from "@/lib/credentials/schemas";
import { testUnsavedCredentialAction } from "../actions";
import type { CredentialFormApi, CredentialFormOutput } from "./form-types";
import { TestResult, usePreloadResults } from "./lazy-results";

/**
 * "Test before saving" on the new-credential form: the values as typed, checked like a save and
 * sent with one live request; nothing is stored, so a broken credential need not be saved first.
 */
export function UnsavedTest({
  form,
  environment,
  type,
}: {
  form: CredentialFormApi;
  environment: string;
  type: CredentialType;
}) {
  const [url, setUrl] = useState("");
  const test = useFormAction(form, (values) =>
    testUnsavedCredentialAction({ environment, credential: values as CredentialFormOutput, test: { url } }),
  );
  usePreloadResults();
  // A ref that changes with each result: the heading is focused when it mounts and at every new result.
  const heading = useCallback(
    (element: HTMLHeadingElement | null) => {
      if (!element || !test.data) return;
      element.scrollIntoView({ block: "nearest", behavior: "smooth" });
      element.focus({ preventScroll: true });
    },
    [test.data],
  );
  const help =
    type === "oauth_client_credentials"
      ? "Optional: empty tests the token request only."
      : type === "aws_signed_request"
        ? "Optional: empty calls STS GetCallerIdentity in the region."
        : "Where to send the test request; it must be one of the allowed destinations.";
  return (
    <section aria-labelledby="unsaved-test-heading" className="space-y-3 border-t border-slate-100 pt-4">
      <div>
        <h2 id="unsaved-test-heading" className="text-sm font-semibold">
          Test before saving
        </h2>
        <p className="text-xs text-slate-600">
          Sends one real request with the values above. Nothing is saved; secrets are redacted in the result.
        </p>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <Field id="unsaved-test-url" label="Test URL" help={help} className="min-w-64 flex-1">
          <Input
            id="unsaved-test-url"
            type="url"
            inputMode="url"
            placeholder="https://api.example.com/health"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            aria-describedby="unsaved-test-url-help"
          />
        </Field>
        <Button
          type="button"
          variant="secondary"
          disabled={test.pending}
          onClick={() => {
            test.reset();
            void test.run();
          }}
        >
          <FlaskConical aria-hidden /> {test.pending ? "Testing…" : "Test"}
        </Button>
      </div>
      <FormFailure message={test.failure} />
      {test.data ? <TestResult result={test.data} headingRef={heading} /> : null}
    </section>
  );
}
