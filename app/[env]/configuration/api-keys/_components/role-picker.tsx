"use client";
import { LEGACY_ROLES, LEGACY_ROLE_DESCRIPTIONS, type LegacyRole } from "@/lib/permissions/permissions";
import { Alert } from "@/components/ui/card";

/** The one role of a legacy key, with the note that steers to fine-grained keys. */
export function RolePicker({
  value,
  onChange,
  error,
}: {
  value: LegacyRole;
  onChange: (role: LegacyRole) => void;
  error?: string;
}) {
  return (
    <fieldset className="space-y-2" aria-describedby={error ? "role-error" : undefined}>
      <legend className="text-sm font-medium text-slate-800">Role</legend>
      <Alert tone="warning">
        Legacy keys are still supported, but we recommend fine-grained keys: they grant exactly the
        permissions an integration needs instead of a whole role.
      </Alert>
      <div className="grid gap-2 sm:grid-cols-3">
        {LEGACY_ROLES.map((role) => (
          <label
            key={role}
            className="flex cursor-pointer gap-2 rounded-md border border-slate-200 p-3 text-sm has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
          >
            <input
              type="radio"
              name="legacy-role"
              value={role}
              checked={value === role}
              onChange={() => onChange(role)}
              className="mt-0.5 accent-brand-700"
            />
            <span>
              <span className="block font-mono font-medium">{role}</span>
              <span className="block text-xs text-slate-600">{LEGACY_ROLE_DESCRIPTIONS[role]}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p id="role-error" role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
