"use client";
import { Send } from "@/components/ui/icons/send";
import { useRouter } from "next/navigation";
import { useRef, type ChangeEvent } from "react";
import { requestOfForm, SEND_METHODS } from "@/lib/requests/form";
import type { SendRequestFormValues } from "@/lib/requests/schemas";
import { useValuesForm } from "@/components/forms/use-values-form";
import { Button } from "@/components/ui/button";
import { Card, FormFailure } from "@/components/ui/card";
import { Field, fieldAria } from "@/components/ui/field";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { sendRequestAction } from "../actions";
import { SentResult, usePreloadResults } from "./lazy-results";

/** A URL to start from: the first allowed destination (a wildcard one cannot be called as is). */
function suggestedUrl(destinations: string[]): string {
  const first = destinations.find((d) => !d.includes("*."));
  return first ? `${first}${first.endsWith("/") ? "" : "/"}` : "";
}

/** Send request: one real request with this credential applied, to one of its allowed destinations. */
export function SendRequestPanel({
  environment,
  id,
  destinations,
}: {
  environment: string;
  id: string;
  destinations: string[];
}) {
  const router = useRouter();
  usePreloadResults();
  const formRef = useRef<HTMLFormElement>(null);
  const send = useValuesForm({
    formRef,
    initial: {
      method: "GET",
      url: suggestedUrl(destinations),
      headers: "",
      body: "",
    } as SendRequestFormValues,
    schema: () => import("@/lib/requests/schemas").then((m) => m.sendRequestForm),
    action: (values) => sendRequestAction({ environment, request: requestOfForm(values, id) }),
    prefix: "request.",
    onOk: () => router.refresh(),
  });
  const { method } = send.values;
  const { errors } = send;
  const text = (name: keyof SendRequestFormValues) => ({
    name,
    value: send.values[name],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      send.set(name, event.target.value as SendRequestFormValues[typeof name]),
  });
  const hasBody = method !== "GET" && method !== "HEAD";
  return (
    <Card className="space-y-4 p-6" aria-labelledby="send-heading">
      <div>
        <h2 id="send-heading" className="text-base font-semibold">
          Send request
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Sends one request with this credential applied, as the API&apos;s Send Request does. Only its
          allowed destinations are reachable: {destinations.join(", ") || "none yet"}.
        </p>
      </div>
      <form ref={formRef} aria-label="Send request" noValidate className="space-y-4" onSubmit={send.onSubmit}>
        <FormFailure message={send.failure} />
        <div className="grid gap-4 md:grid-cols-[8rem_1fr]">
          <Field id="send-method" label="Method">
            <NativeSelect {...fieldAria("send-method")} {...text("method")}>
              {SEND_METHODS.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </NativeSelect>
          </Field>
          <Field id="send-url" label="URL" error={errors.url}>
            <Input type="url" inputMode="url" {...fieldAria("send-url", errors.url)} {...text("url")} />
          </Field>
        </div>
        <Field
          id="send-headers"
          label="Headers (optional)"
          help="One per line, as Name: value."
          error={errors.headers}
        >
          <Textarea
            rows={3}
            className="font-mono"
            {...fieldAria("send-headers", errors.headers, true)}
            {...text("headers")}
          />
        </Field>
        {hasBody ? (
          <Field id="send-body" label="Body (optional)" error={errors.body}>
            <Textarea rows={4} {...fieldAria("send-body", errors.body)} {...text("body")} />
          </Field>
        ) : null}
        <div className="flex justify-end">
          <Button type="submit" disabled={send.pending}>
            <Send aria-hidden /> {send.pending ? "Sending…" : "Send"}
          </Button>
        </div>
      </form>
      {send.data ? <SentResult sent={send.data} /> : null}
    </Card>
  );
}
