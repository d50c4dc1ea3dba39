"use client";
import { FlaskConical } from "@/components/ui/icons/flask-conical";
import { useRouter } from "next/navigation";
import { useCallback, useRef, type ChangeEvent } from "react";
import type { z } from "zod";
import type { CredentialType, TestCredentialInput, testCredentialInput } from "@/lib/credentials/schemas";
import { TEST_METHODS } from "@/lib/credentials/constants";
import { useValuesForm } from "@/components/forms/use-values-form";
import { Button } from "@/components/ui/button";
import { Card, FormFailure } from "@/components/ui/card";
import { Field, fieldAria } from "@/components/ui/field";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { testCredentialAction } from "../actions";
import { TestResult, usePreloadResults } from "./lazy-results";

type TestValues = z.input<typeof testCredentialInput>;

/** The Test action: sends a real request with the saved credential and shows what happened. */
export function TestPanel({
  environment,
  id,
  type,
  defaultUrl,
}: {
  environment: string;
  id: string;
  type: CredentialType;
  defaultUrl: string;
}) {
  const router = useRouter();
  usePreloadResults();
  const isOAuth = type === "oauth_client_credentials";
  const formRef = useRef<HTMLFormElement>(null);
  const test = useValuesForm({
    formRef,
    initial: { id, url: defaultUrl, method: "GET", body: "", contentType: "application/json" } as TestValues,
    schema: () =>
      import("@/lib/credentials/schemas").then(
        (m) => m.testCredentialInput as z.ZodType<TestCredentialInput, TestValues>,
      ),
    action: (values) => testCredentialAction({ environment, ...values }),
    onOk: () => router.refresh(),
  });
  const { method } = test.values;
  // A new result comes into view (beside the form on wide screens, below it on narrow ones).
  // Its heading is reached through a ref that changes with each result, so it is focused when it
  // mounts (the result's code may still be on its way) and again at every new result.
  const resultHeading = useCallback(
    (heading: HTMLHeadingElement | null) => {
      if (!heading || !test.data) return;
      heading.scrollIntoView({ block: "nearest", behavior: "smooth" });
      heading.focus({ preventScroll: true });
    },
    [test.data],
  );
  const { errors } = test;
  const urlError = errors.url;
  const bodyError = errors.body;
  const text = (name: "url" | "method" | "body" | "contentType") => ({
    name,
    value: test.values[name] ?? "",
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      test.set(name, event.target.value as TestValues[typeof name]),
  });
  const hasBody = method !== "GET" && method !== "HEAD";
  const urlHelp = isOAuth
    ? "Optional. Empty: only the token request is tested. Otherwise the request is also sent here with Authorization: Bearer <token>."
    : type === "aws_signed_request"
      ? "Defaults to STS GetCallerIdentity in the credential's region."
      : "The request is sent here with this credential applied.";
  return (
    <Card className="space-y-4 p-6" aria-labelledby="test-heading">
      <div>
        <h2 id="test-heading" className="text-base font-semibold">
          Test live
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Sends a real request with the saved credential (save your changes first). Secrets are redacted in
          the result.
        </p>
      </div>
      <form
        ref={formRef}
        aria-label="Test credential"
        noValidate
        className="space-y-4"
        onSubmit={(event) => {
          // A new attempt (even one the form refuses, e.g. an invalid URL) clears the last result.
          test.forgetAnswer();
          void test.onSubmit(event);
        }}
      >
        <FormFailure message={test.failure} />
        <div className="grid gap-4 md:grid-cols-[8rem_1fr]">
          <Field id="test-method" label="Method">
            <NativeSelect {...fieldAria("test-method")} {...text("method")}>
              {TEST_METHODS.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </NativeSelect>
          </Field>
          <Field
            id="test-url"
            label={isOAuth ? "Test URL (optional)" : "Test URL"}
            help={urlHelp}
            error={urlError}
          >
            <Input
              type="url"
              inputMode="url"
              placeholder="https://api.example.com/health"
              {...fieldAria("test-url", urlError, true)}
              {...text("url")}
            />
          </Field>
        </div>
        {hasBody ? (
          <div className="grid gap-4 md:grid-cols-[1fr_14rem]">
            <Field id="test-body" label="Body (optional)" error={bodyError}>
              <Textarea rows={4} {...fieldAria("test-body", bodyError)} {...text("body")} />
            </Field>
            <Field id="test-content-type" label="Content type">
              <Input {...fieldAria("test-content-type")} {...text("contentType")} />
            </Field>
          </div>
        ) : null}
        <div className="flex justify-end">
          <Button type="submit" disabled={test.pending}>
            <FlaskConical aria-hidden /> {test.pending ? "Testing…" : "Test"}
          </Button>
        </div>
      </form>
      {test.data ? <TestResult result={test.data} headingRef={resultHeading} /> : null}
    </Card>
  );
}
