"use client";
import type { AllowlistMode } from "@/lib/api-keys/constants";

// Every mode, in the order shown (the type makes sure none is missing).
const LABELS: Record<AllowlistMode, { title: string; hint: string }> = {
  enforce: { title: "Enforce", hint: "requests from other addresses are refused (403)" },
  report: {
    title: "Report only",
    hint: "requests from other addresses work and are listed on the key page, to allow them before enforcing",
  },
};

/** Whether the IP allowlist refuses other addresses or only reports them. */
export function AllowlistModePicker({
  value,
  onChange,
  idPrefix,
}: {
  value: AllowlistMode;
  onChange: (mode: AllowlistMode) => void;
  idPrefix: string;
}) {
  return (
    <fieldset className="space-y-1.5">
      <legend className="text-sm font-medium">Allowlist mode</legend>
      {(Object.keys(LABELS) as AllowlistMode[]).map((mode) => (
        <label
          key={mode}
          htmlFor={`${idPrefix}-allowlist-${mode}`}
          className="flex items-start gap-2 text-sm"
        >
          <input
            id={`${idPrefix}-allowlist-${mode}`}
            type="radio"
            name={`${idPrefix}-allowlist-mode`}
            value={mode}
            checked={value === mode}
            onChange={() => onChange(mode)}
            className="mt-1 accent-brand-700"
          />
          <span>
            <span className="font-medium">{LABELS[mode].title}</span>
            <span className="text-slate-600"> — {LABELS[mode].hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
