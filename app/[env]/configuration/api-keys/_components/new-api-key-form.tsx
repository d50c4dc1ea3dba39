"use client";
import { Link } from "@/components/ui/link";
import { useRouter } from "next/navigation";
import dynamic from "next/dynamic";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { whenIdle } from "@/components/when-idle";
import type { AllowlistMode, ApiKeyKind } from "@/lib/api-keys/constants";
import type { z } from "zod";
import type { CreateApiKeyInput } from "@/lib/api-keys/schemas";
import type { LegacyRole, Permission, PermissionChoices } from "@/lib/permissions/permissions";
import { useValuesForm } from "@/components/forms/use-values-form";
import { Button } from "@/components/ui/button";
import { Card, FormFailure } from "@/components/ui/card";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { createApiKeyAction, type IssuedSecret } from "../actions";
import { ApiKeyAccessFields } from "./api-key-access-fields";
import { submitWithAllowlistDraft, type AllowlistDraft, type CurrentIp } from "./allowlist-editor";
import { focusHeadingAfterNavigation } from "@/components/shell/heading-focus";

/** Both kinds' fields live in the form; the shared schema keeps only the chosen kind's. */
type FormValues = {
  environmentId: number;
  name: string;
  kind: ApiKeyKind;
  permissions: Permission[];
  role: LegacyRole;
  expiresAt: string;
  allowlist: string[];
  basedOn?: string;
  allowlistMode: AllowlistMode;
};

/** "Create a fine-grained key with exactly these": the key whose observed use fills the form. */
export type BasedOnKey = {
  id: string;
  name: string;
  clientId: string;
  suggestedName: string;
  permissions: Permission[];
  allowlist: string[];
  windowDays: number;
  /** Legacy roles some of its calls needed (the credentials API): no permission covers them. */
  uncovered: LegacyRole[];
};

// The secret's view shows only after a create: it is not part of the page's first load, but
// fetched once the page is idle, so it is there when the answer comes.
const loadCreated = () => import("./new-key-created");
const NewKeyCreated = dynamic(() => loadCreated().then((m) => m.NewKeyCreated), { ssr: false });

export function NewApiKeyForm({
  environment,
  environmentId,
  currentIp,
  tokenUrl,
  apiBaseUrl,
  basedOn = null,
  notice,
  permissionChoices,
}: {
  environment: string;
  environmentId: number;
  currentIp: CurrentIp | null;
  tokenUrl: string;
  apiBaseUrl: string;
  basedOn?: BasedOnKey | null;
  /** What the form starts from, said above it (rendered by the page). */
  notice?: ReactNode;
  permissionChoices: PermissionChoices;
}) {
  const router = useRouter();
  useEffect(() => whenIdle(() => void loadCreated()), []);
  const [created, setCreated] = useState<IssuedSecret | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useValuesForm({
    formRef,
    initial: {
      environmentId,
      name: basedOn?.suggestedName ?? "",
      kind: "fine_grained",
      permissions: basedOn?.permissions ?? [],
      role: "events",
      expiresAt: "",
      allowlist: basedOn?.allowlist ?? [],
      allowlistMode: "enforce",
      ...(basedOn ? { basedOn: basedOn.id } : {}),
    } as FormValues,
    // The shared schema keeps only the chosen kind's fields: the action gets its output.
    schema: () =>
      import("@/lib/api-keys/schemas").then(
        (m) => m.createApiKeyInput as unknown as z.ZodType<CreateApiKeyInput, FormValues>,
      ),
    action: (values) => createApiKeyAction({ ...values, environment }),
    onOk: setCreated,
  });
  const { errors } = form;
  const allowlistDraft = useRef<AllowlistDraft>(null);
  const kind = form.values.kind;

  if (created) {
    return (
      <NewKeyCreated
        created={created}
        environment={environment}
        tokenUrl={tokenUrl}
        apiBaseUrl={apiBaseUrl}
        onDone={() => {
          // Back to the list the key now heads (newest first), focus on its heading.
          const list = `/${environment}/configuration/api-keys`;
          setCreated(null);
          focusHeadingAfterNavigation(list);
          router.push(list);
        }}
      />
    );
  }

  return (
    <Card className="max-w-3xl p-6">
      <form
        ref={formRef}
        className="space-y-6"
        noValidate
        aria-label="New API key"
        onSubmit={(event) => submitWithAllowlistDraft(event, allowlistDraft.current, form.onSubmit)}
      >
        <FormFailure message={form.failure} />
        {notice}
        <Field
          id="key-name"
          label="Name"
          error={errors.name}
          help="What uses this key, e.g. “Billing sync”. You can change it later."
        >
          <Input
            {...fieldAria("key-name", errors.name, true)}
            name="name"
            value={form.values.name}
            onChange={(event) => form.set("name", event.target.value)}
          />
        </Field>

        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">Kind</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {(
              [
                ["fine_grained", "Fine-grained (recommended)", "A set of permissions such as cards:read."],
                ["legacy", "Legacy", "One role: auth, workbench or events."],
              ] as const
            ).map(([value, title, text]) => (
              <label
                key={value}
                className="flex cursor-pointer gap-2 rounded-md border border-slate-200 p-3 text-sm has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
              >
                <input
                  type="radio"
                  name="kind"
                  value={value}
                  checked={kind === value}
                  onChange={() => form.set("kind", value)}
                  className="mt-0.5 accent-brand-700"
                />
                <span>
                  <span className="block font-medium">{title}</span>
                  <span className="block text-xs text-slate-600">{text}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        <ApiKeyAccessFields
          form={form}
          kind={kind}
          permissionChoices={permissionChoices}
          idPrefix="key"
          allowlistDraft={allowlistDraft}
          currentIp={currentIp}
        />

        <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
          <Button variant="secondary" asChild>
            <Link href={`/${environment}/configuration/api-keys`}>Cancel</Link>
          </Button>
          <Button type="submit" disabled={form.pending}>
            {form.pending ? "Creating…" : "Create API key"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
