"use client";
import { Eye } from "@/components/ui/icons/eye";
import { EyeOff } from "@/components/ui/icons/eye-off";
import { useState } from "react";
import { Button } from "./ui/button";
import { CopyButton } from "./copy-button";

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
