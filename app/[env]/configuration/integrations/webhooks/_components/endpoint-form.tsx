"use client";
import dynamic from "next/dynamic";
import { Link } from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { toast } from "@/components/toast";
import type { ActionResult } from "@/lib/result";
import { EVENT_CATALOGUE, EVENT_TYPES } from "@/lib/webhooks/catalogue";
import type { EndpointFormValues } from "@/lib/webhooks/schemas";
import { usePlainForm } from "@/components/forms/use-plain-form";
import { whenIdle } from "@/components/when-idle";
import { unsavedChanges, useLeaveConfirmation } from "@/components/forms/use-leave-confirmation";
import { ResultHeading } from "@/components/shell/result-heading";
import { Button } from "@/components/ui/button";
import { Card, FormFailure } from "@/components/ui/card";
import { Field, fieldAria } from "@/components/ui/field";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { createEndpointAction, updateEndpointAction } from "../actions";
import { webhooksPath } from "./format";

// The new endpoint's signing secret is shown after the save: its field is fetched once the page
// is idle, not with the form.
const loadSecretOnce = () => import("./secret-once").then((m) => m.SecretOnce);
const SecretOnce = dynamic(loadSecretOnce, { ssr: false });

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
  const formRef = useRef<HTMLFormElement>(null);
  // Values as the inputs hold them (uncontrolled): no form library on the page's first load.
  type Values = EndpointFormValues;
  type Saved = { id: string; name: string; secret?: string; version?: number };
  const save = usePlainForm<Values, Saved>({
    formRef,
    fields: ["name", "url", "credentialId", "eventTypes", "description"],
    lists: ["eventTypes"],
    schema: () => import("@/lib/webhooks/schemas").then((m) => m.endpointFields),
    prefix: "endpoint.",
    action: (values): Promise<ActionResult<Saved>> =>
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
    onOk: (saved) => {
      save.markSaved();
      if (saved.secret) {
        setCreated({ id: saved.id, name: saved.name, secret: saved.secret });
        return;
      }
      toast.success("Changes saved");
      if (saved.version) setVersion(saved.version);
      router.refresh();
    },
  });
  const leave = useLeaveConfirmation(save.dirty && !readOnly && !created, unsavedChanges("This endpoint"));
  const errors = save.errors;
  const [credentialId, setCredentialId] = useState(defaultValues.credentialId ?? "");
  useEffect(() => (mode === "create" ? whenIdle(() => void loadSecretOnce()) : undefined), [mode]);

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
        ref={formRef}
        aria-label={mode === "create" ? "New webhook endpoint" : "Endpoint settings"}
        className="space-y-5"
        {...save.form}
      >
        <FormFailure message={save.failure} />
        <fieldset disabled={readOnly} className="space-y-5">
          <Field id="endpoint-name" label="Name" error={errors.name}>
            <Input
              autoComplete="off"
              name="name"
              defaultValue={defaultValues.name}
              {...fieldAria("endpoint-name", errors.name)}
            />
          </Field>
          <Field
            id="endpoint-url"
            label="URL"
            error={errors.url}
            help="Every event is POSTed here as JSON, signed per the Standard Webhooks specification."
          >
            <Input
              autoComplete="off"
              inputMode="url"
              placeholder="https://example.com/webhooks/workbench"
              name="url"
              defaultValue={defaultValues.url}
              {...fieldAria("endpoint-url", errors.url, true)}
            />
          </Field>
          <Field
            id="endpoint-credential"
            label="Credential"
            error={errors.credentialId}
            help={
              chosen
                ? `Applied to every delivery. It may be sent to: ${chosen.destinations.join(", ") || "nowhere yet"}.`
                : "Optional: a saved credential applied to every delivery (OAuth, AWS SigV4, Basic, key-pair JWT or headers)."
            }
          >
            <NativeSelect
              name="credentialId"
              defaultValue={defaultValues.credentialId ?? ""}
              onChange={(event) => setCredentialId(event.target.value)}
              {...fieldAria("endpoint-credential", errors.credentialId, true)}
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
                      <input
                        type="checkbox"
                        name="eventTypes"
                        value={type}
                        defaultChecked={defaultValues.eventTypes.includes(type)}
                        className="mt-1"
                      />
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
                {errors.eventTypes}
              </p>
            ) : null}
          </fieldset>
          <Field id="endpoint-description" label="Description (optional)" error={errors.description}>
            <Textarea
              rows={2}
              name="description"
              defaultValue={defaultValues.description ?? ""}
              {...fieldAria("endpoint-description", errors.description)}
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
