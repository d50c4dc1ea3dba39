"use client";
import { Check, Copy, Eye, EyeOff } from "lucide-react";
import { useState } from "react";
import { Button } from "./ui/button";

/** Copies text to the clipboard; falls back to a hidden textarea where the async API is missing. */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement("textarea");
  area.value = text;
  document.body.appendChild(area);
  area.select();
  document.execCommand("copy");
  area.remove();
}

/** `compact` shows only the icon (for table cells); the accessible name stays "Copy <label>". */
export function CopyButton({
  value,
  label,
  compact = false,
}: {
  value: string;
  label: string;
  compact?: boolean;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      type="button"
      variant="secondary"
      size="sm"
      className={compact ? "size-8 px-0" : undefined}
      title={compact ? `Copy ${label}` : undefined}
      aria-label={copied ? `${label} copied` : `Copy ${label}`}
      onClick={async () => {
        await copyText(value);
        setCopied(true);
        setTimeout(() => setCopied(false), 2000);
      }}
    >
      {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
      {compact ? null : copied ? "Copied" : "Copy"}
    </Button>
  );
}

/**
 * A freshly created secret: masked by default, with reveal and copy buttons and a note that it
 * is shown only once. The value exists only in this component's props, never in a later page.
 */
export function SecretField({
  label,
  value,
  once = true,
  revealed: shown,
  onRevealedChange,
}: {
  label: string;
  value: string;
  once?: boolean;
  /** Controlled reveal, for a page that masks the same secret elsewhere too (e.g. in snippets). */
  revealed?: boolean;
  onRevealedChange?: (revealed: boolean) => void;
}) {
  const [ownRevealed, setOwnRevealed] = useState(false);
  const revealed = shown ?? ownRevealed;
  const setRevealed = (next: boolean) => (onRevealedChange ?? setOwnRevealed)(next);
  const id = `secret-${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          type={revealed ? "text" : "password"}
          value={value}
          className="h-9 w-full rounded-md border border-slate-300 bg-slate-50 px-3 font-mono text-sm"
          onFocus={(event) => event.currentTarget.select()}
        />
        <Button
          type="button"
          variant="secondary"
          size="sm"
          onClick={() => setRevealed(!revealed)}
          aria-label={revealed ? `Hide ${label}` : `Reveal ${label}`}
        >
          {revealed ? <EyeOff aria-hidden /> : <Eye aria-hidden />}
        </Button>
        <CopyButton value={value} label={label} />
      </div>
      {once ? (
        <p className="text-xs font-medium text-amber-800">Shown only once. Store it somewhere safe now.</p>
      ) : null}
    </div>
  );
}
