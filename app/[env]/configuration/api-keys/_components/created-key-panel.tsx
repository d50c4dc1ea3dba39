"use client";
import { Tabs } from "radix-ui";
import { useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { SecretField } from "@/components/secret-field";
import { Alert } from "@/components/ui/card";
import { snippetsFor, type SnippetValues } from "./snippets";

const SECRET_MASK = "••••••••••••••••";

/** A new secret (after create or rotate): client ID, the secret once, and filled-in examples. */
export function CreatedKeyPanel({ values, note }: { values: SnippetValues; note?: string }) {
  const snippets = snippetsFor(values);
  // The secret stays masked in the examples too until revealed; Copy always copies the real one.
  const [revealed, setRevealed] = useState(false);
  const shown = (code: string) => (revealed ? code : code.replaceAll(values.clientSecret, SECRET_MASK));
  return (
    <div className="space-y-5">
      <Alert tone="warning" role="status">
        {note ?? "Copy the client secret now. It is stored only as a hash and cannot be shown again."}
      </Alert>
      <div className="space-y-1.5">
        <label htmlFor="created-client-id" className="block text-sm font-medium">
          Client ID
        </label>
        <div className="flex gap-2">
          <input
            id="created-client-id"
            readOnly
            value={values.clientId}
            className="h-9 w-full rounded-md border border-slate-300 bg-slate-50 px-3 font-mono text-sm"
            onFocus={(event) => event.currentTarget.select()}
          />
          <CopyButton value={values.clientId} label="Client ID" />
        </div>
      </div>
      <SecretField
        label="Client secret"
        value={values.clientSecret}
        revealed={revealed}
        onRevealedChange={setRevealed}
      />
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="font-medium text-slate-700">Token URL</dt>
        <dd className="font-mono text-xs leading-5 break-all">{values.tokenUrl}</dd>
        <dt className="font-medium text-slate-700">API base URL</dt>
        <dd className="font-mono text-xs leading-5 break-all">{values.apiBaseUrl}</dd>
      </dl>
      <Tabs.Root defaultValue="curl" className="space-y-2">
        <div className="flex items-center justify-between gap-2">
          <h2 className="text-sm font-semibold">Ready-to-run examples</h2>
          <Tabs.List
            aria-label="Example language"
            className="inline-flex rounded-md border border-slate-200 bg-slate-100 p-0.5"
          >
            {snippets.map((snippet) => (
              <Tabs.Trigger
                key={snippet.id}
                value={snippet.id}
                className="rounded px-3 py-1 text-xs font-medium text-slate-700 data-[state=active]:bg-white data-[state=active]:text-brand-800 data-[state=active]:shadow-xs"
              >
                {snippet.label}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
        </div>
        {snippets.map((snippet) => (
          <Tabs.Content key={snippet.id} value={snippet.id} className="space-y-2">
            <pre
              aria-label={`${snippet.label} example`}
              tabIndex={0}
              className="max-h-80 overflow-auto rounded-md bg-slate-900 p-4 font-mono text-xs leading-5 text-slate-100"
            >
              <code>{shown(snippet.code)}</code>
            </pre>
            <div className="flex justify-end">
              <CopyButton value={snippet.code} label={`${snippet.label} example`} />
            </div>
          </Tabs.Content>
        ))}
      </Tabs.Root>
    </div>
  );
}
