"use client";
import { Plus } from "@/components/ui/icons/plus";
import { Trash2 } from "@/components/ui/icons/trash-2";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { errorOf, setField, valueOf, type TypeFieldsProps, type ValuesOf } from "./form-types";

type Header = ValuesOf<"custom_headers">["headers"][number];

/** Lower-case names of the secret headers whose values are stored (the form never holds them). */
function storedSecretNames(headers: Header[], secretsSet: Record<string, boolean>): Set<string> {
  return new Set(
    headers.flatMap((h, i) =>
      h?.secret && h.name && secretsSet[`headers.${i}.value`] ? [h.name.toLowerCase()] : [],
    ),
  );
}

export function CustomHeadersFields({ form, mode, secretsSet, readOnly }: TypeFieldsProps) {
  const rows = (valueOf(form, "headers") ?? []) as Header[];
  // The form's values when the fields mount are the saved ones.
  const [stored] = useState(() =>
    mode === "update" ? storedSecretNames(rows, secretsSet) : new Set<string>(),
  );
  // Each row's key, kept when a row above it is removed; and the row added last, to focus.
  const [keys, setKeys] = useState(() => rows.map((_, index) => index));
  const nextKey = useRef(rows.length);
  const added = useRef<number | null>(null);
  useEffect(() => {
    if (added.current === null) return;
    document.getElementById(`header-${added.current}-name`)?.focus();
    added.current = null;
  });
  const setRows = (next: Header[], about?: string) => setField(form, "headers", next, about);
  const setRow = (index: number, change: Partial<Header>, part: keyof Header) =>
    setRows(
      rows.map((row, i) => (i === index ? { ...row, ...change } : row)),
      `headers.${index}.${part}`,
    );
  const append = () => {
    added.current = rows.length;
    setKeys([...keys, nextKey.current++]);
    setRows([...rows, { name: "", value: "", secret: false }]);
  };
  const remove = (index: number) => {
    setKeys(keys.filter((_, i) => i !== index));
    setRows(rows.filter((_, i) => i !== index));
  };
  const listError = errorOf(form, "headers");
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-800">Headers</legend>
      <p className="text-xs text-slate-600">
        Added to every request that uses this credential, e.g. a static API key. Mark a value as secret to
        store it encrypted and never show it again.
      </p>
      {rows.map((row, index) => {
        const keepsStored =
          mode === "update" && Boolean(row.secret) && stored.has((row.name ?? "").toLowerCase());
        const nameId = `header-${index}-name`;
        const valueId = `header-${index}-value`;
        const nameError = errorOf(form, `headers.${index}.name`);
        const valueError = errorOf(form, `headers.${index}.value`);
        return (
          <div
            key={keys[index] ?? `row-${index}`}
            className="grid items-start gap-2 rounded-md border border-slate-200 bg-white p-3 md:grid-cols-[1fr_1.5fr_auto_auto]"
          >
            <div className="space-y-1">
              <label htmlFor={nameId} className="text-xs font-medium">
                Header {index + 1} name
              </label>
              <Input
                autoComplete="off"
                spellCheck={false}
                placeholder="X-Api-Key"
                readOnly={readOnly}
                {...fieldAria(nameId, nameError)}
                name={`headers.${index}.name`}
                value={row.name ?? ""}
                onChange={(event) => setRow(index, { name: event.target.value }, "name")}
              />
              {nameError ? (
                <p id={`${nameId}-error`} role="alert" className="text-xs font-medium text-red-700">
                  {nameError}
                </p>
              ) : null}
            </div>
            <div className="space-y-1">
              <label htmlFor={valueId} className="text-xs font-medium">
                Header {index + 1} value
              </label>
              <Input
                type={row.secret ? "password" : "text"}
                autoComplete={row.secret ? "new-password" : "off"}
                spellCheck={false}
                placeholder={keepsStored ? "•••••••• unchanged" : undefined}
                readOnly={readOnly}
                {...fieldAria(valueId, valueError, keepsStored)}
                name={`headers.${index}.value`}
                value={row.value ?? ""}
                onChange={(event) => setRow(index, { value: event.target.value }, "value")}
              />
              {valueError ? (
                <p id={`${valueId}-error`} role="alert" className="text-xs font-medium text-red-700">
                  {valueError}
                </p>
              ) : null}
              {keepsStored && !valueError ? (
                <p id={`${valueId}-help`} className="text-xs text-slate-600">
                  Stored and hidden; leave empty to keep it.
                </p>
              ) : null}
            </div>
            <label className="flex items-center gap-2 pt-6 text-sm">
              <input
                type="checkbox"
                disabled={readOnly}
                name={`headers.${index}.secret`}
                checked={row.secret === true}
                onChange={(event) => setRow(index, { secret: event.target.checked }, "secret")}
              />{" "}
              Secret
              <span className="sr-only"> (header {index + 1})</span>
            </label>
            {!readOnly ? (
              <Button
                type="button"
                variant="ghost"
                size="icon"
                className="mt-5"
                aria-label={`Remove header ${index + 1}`}
                disabled={rows.length === 1}
                onClick={() => remove(index)}
              >
                <Trash2 aria-hidden />
              </Button>
            ) : null}
          </div>
        );
      })}
      {listError ? (
        <p role="alert" className="text-xs font-medium text-red-700">
          {listError}
        </p>
      ) : null}
      {!readOnly ? (
        <Button type="button" variant="secondary" size="sm" onClick={append}>
          <Plus aria-hidden /> Add header
        </Button>
      ) : null}
    </fieldset>
  );
}
