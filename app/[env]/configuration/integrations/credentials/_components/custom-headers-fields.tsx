"use client";
import { Plus } from "@/components/ui/icons/plus";
import { Trash2 } from "@/components/ui/icons/trash-2";
import { useState } from "react";
import { useFieldArray, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { errorOf, type TypeFieldsProps } from "./form-types";

/** Lower-case names of the secret headers whose values are stored (the form never holds them). */
function storedSecretNames({ form, secretsSet }: Pick<TypeFieldsProps, "form" | "secretsSet">): Set<string> {
  const initial = form.formState.defaultValues;
  const headers = initial?.type === "custom_headers" ? (initial.headers ?? []) : [];
  return new Set(
    headers.flatMap((h, i) =>
      h?.secret && h.name && secretsSet[`headers.${i}.value`] ? [h.name.toLowerCase()] : [],
    ),
  );
}

export function CustomHeadersFields({ form, mode, secretsSet, readOnly }: TypeFieldsProps) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "headers" });
  const [stored] = useState(() =>
    mode === "update" ? storedSecretNames({ form, secretsSet }) : new Set<string>(),
  );
  const rows = useWatch({ control: form.control, name: "headers" }) ?? [];
  const listError = errorOf(form, "headers");
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-800">Headers</legend>
      <p className="text-xs text-slate-600">
        Added to every request that uses this credential, e.g. a static API key. Mark a value as secret to
        store it encrypted and never show it again.
      </p>
      {fields.map((field, index) => {
        const row = rows[index];
        const keepsStored =
          mode === "update" && Boolean(row?.secret) && stored.has((row?.name ?? "").toLowerCase());
        const nameId = `header-${index}-name`;
        const valueId = `header-${index}-value`;
        const nameError = errorOf(form, `headers.${index}.name`);
        const valueError = errorOf(form, `headers.${index}.value`);
        return (
          <div
            key={field.id}
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
                {...form.register(`headers.${index}.name`)}
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
                type={row?.secret ? "password" : "text"}
                autoComplete={row?.secret ? "new-password" : "off"}
                spellCheck={false}
                placeholder={keepsStored ? "•••••••• unchanged" : undefined}
                readOnly={readOnly}
                {...fieldAria(valueId, valueError, keepsStored)}
                {...form.register(`headers.${index}.value`)}
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
              <input type="checkbox" disabled={readOnly} {...form.register(`headers.${index}.secret`)} />{" "}
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
                disabled={fields.length === 1}
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
        <Button
          type="button"
          variant="secondary"
          size="sm"
          onClick={() => append({ name: "", value: "", secret: false })}
        >
          <Plus aria-hidden /> Add header
        </Button>
      ) : null}
    </fieldset>
  );
}
