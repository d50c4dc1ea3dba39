"use client";
import { Link } from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "@/components/toast";
import type { ActionResult } from "@/lib/result";
import { EVENT_CATALOGUE, EVENT_TYPES } from "@/lib/webhooks/catalogue";
import type { EndpointFields, EndpointFormValues } from "@/lib/webhooks/schemas";
import { lazyZodResolver } from "@/components/forms/lazy-zod-resolver";
import { useActionForm } from "@/components/forms/use-action-form";
import { unsavedChanges, useLeaveConfirmation } from "@/components/forms/use-leave-confirmation";
import { ResultHeading } from "@/components/shell/heading-focus";
import { Button } from "@/components/ui/button";
import { Card, FormFailure } from "@/components/ui/card";
import { Field, fieldAria } from "@/components/ui/field";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { createEndpointAction, updateEndpointAction } from "../actions";
import { webhooksPath } from "./format";
import { SecretOnce } from "./secret-once";

export type CredentialChoice = { id: string; name: string; typeLabel: string; destinations: string[] };

type Props = {
  environment: string;
  credentials: CredentialChoice[];
  defaultValues: EndpointFormValues;
  readOnly?: boolean;
} & ({ mode: "create" } | { mode: "update"; id: string; version: number });

/** The catalogue's groups, in catalogue order: the checklist's sections. */
function groups(): [string, (typeof EVENT_TYPES)[number][]][] {
  const out = new Map<string, (typeof EVENT_TYPES)[number][]>();
  for (const type of EVENT_TYPES) {
    const group = EVENT_CATALOGUE[type].group;
    out.set(group, [...(out.get(group) ?? []), type]);
  }
  return [...out.entries()];
}

/** New endpoint and endpoint settings: validated with the shared schema, saved by a server action. */
export function EndpointForm(props: Props) {
  const { environment, credentials, defaultValues, mode, readOnly = false } = props;
  const router = useRouter();
  const [version, setVersion] = useState(props.mode === "update" ? props.version : 0);
  const [created, setCreated] = useState<{ id: string; name: string; secret: string } | null>(null);
  const form = useForm<EndpointFormValues, unknown, EndpointFields>({
    resolver: lazyZodResolver<EndpointFormValues, EndpointFields>(() =>
      import("@/lib/webhooks/schemas").then((m) => m.endpointFields),
    ),
    defaultValues,
  });
  type Saved = { id: string; name: string; secret?: string; version?: number };
  const save = useActionForm(
    form,
    (values: EndpointFields): Promise<ActionResult<Saved>> =>
      props.mode === "create"
        ? createEndpointAction({ environment, endpoint: values })
        : updateEndpointAction({
            environment,
            id: props.id,
            expectedVersion: version,
            endpoint: {
              ...values,
              credentialId: values.credentialId || null,
              description: values.description || null,
            },
          }),
    {
      prefix: "endpoint.",
      onOk: (saved, values) => {
        if (saved.secret) {
          form.reset(values as EndpointFormValues);
          setCreated({ id: saved.id, name: saved.name, secret: saved.secret });
          return;
        }
        toast.success("Changes saved");
        if (saved.version) setVersion(saved.version);
        form.reset(values as EndpointFormValues);
        router.refresh();
      },
    },
  );
  const leave = useLeaveConfirmation(
    form.formState.isDirty && !readOnly && !created,
    unsavedChanges("This endpoint"),
  );
  const errors = form.formState.errors;
  const credentialId = useWatch({ control: form.control, name: "credentialId" });

  if (created)
    return (
      <Card className="space-y-4 p-6">
        <ResultHeading className="text-base font-semibold">Endpoint {created.name} created</ResultHeading>
        <SecretOnce secret={created.secret} />
        <div className="flex justify-end">
          <Button asChild>
            <Link href={`${webhooksPath(environment)}/${created.id}`}>Go to the endpoint</Link>
          </Button>
        </div>
      </Card>
    );

  const chosen = credentials.find((c) => c.id === credentialId);
  return (
    <Card className="p-6">
      <form
        aria-label={mode === "create" ? "New webhook endpoint" : "Endpoint settings"}
        noValidate
        className="space-y-5"
        onSubmit={save.onSubmit}
      >
        <FormFailure message={save.failure} />
        <fieldset disabled={readOnly} className="space-y-5">
          <Field id="endpoint-name" label="Name" error={errors.name?.message}>
            <Input
              autoComplete="off"
              {...fieldAria("endpoint-name", errors.name?.message)}
              {...form.register("name")}
            />
          </Field>
          <Field
            id="endpoint-url"
            label="URL"
            error={errors.url?.message}
            help="Every event is POSTed here as JSON, signed per the Standard Webhooks specification."
          >
            <Input
              autoComplete="off"
              inputMode="url"
              placeholder="https://example.com/webhooks/workbench"
              {...fieldAria("endpoint-url", errors.url?.message, true)}
              {...form.register("url")}
            />
          </Field>
          <Field
            id="endpoint-credential"
            label="Credential"
            error={errors.credentialId?.message}
            help={
              chosen
                ? `Applied to every delivery. It may be sent to: ${chosen.destinations.join(", ") || "nowhere yet"}.`
                : "Optional: a saved credential applied to every delivery (OAuth, AWS SigV4, Basic, key-pair JWT or headers)."
            }
          >
            <NativeSelect
              {...fieldAria("endpoint-credential", errors.credentialId?.message, true)}
              {...form.register("credentialId")}
            >
              <option value="">No credential</option>
              {credentials.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.typeLabel})
                </option>
              ))}
            </NativeSelect>
          </Field>
          <fieldset
            className="space-y-3"
            aria-describedby={errors.eventTypes ? "endpoint-events-error" : undefined}
          >
            <legend className="text-sm font-medium text-slate-800">Events to send</legend>
            <div className="grid gap-4 sm:grid-cols-2">
              {groups().map(([group, types]) => (
                <fieldset key={group} className="space-y-1.5 rounded-md border border-slate-200 p-3">
                  <legend className="px-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">
                    {group}
                  </legend>
                  {types.map((type) => (
                    <label key={type} className="flex items-start gap-2 text-sm">
                      <input type="checkbox" value={type} className="mt-1" {...form.register("eventTypes")} />
                      <span>
                        <span className="font-mono text-xs">{type}</span>
                        <span className="block text-xs text-slate-600">
                          {EVENT_CATALOGUE[type].description}
                        </span>
                      </span>
                    </label>
                  ))}
                </fieldset>
              ))}
            </div>
            {errors.eventTypes ? (
              <p id="endpoint-events-error" role="alert" className="text-xs font-medium text-red-700">
                {errors.eventTypes.message ?? "Choose event types from the list."}
              </p>
            ) : null}
          </fieldset>
          <Field id="endpoint-description" label="Description (optional)" error={errors.description?.message}>
            <Textarea
              rows={2}
              {...fieldAria("endpoint-description", errors.description?.message)}
              {...form.register("description")}
            />
          </Field>
        </fieldset>
        {!readOnly ? (
          <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
            <Button variant="secondary" asChild>
              <Link href={webhooksPath(environment)}>Cancel</Link>
            </Button>
            <Button type="submit" disabled={save.pending}>
              {save.pending ? "Saving…" : mode === "create" ? "Create endpoint" : "Save"}
            </Button>
          </div>
        ) : null}
      </form>
      {leave.dialog}
    </Card>
  );
}
