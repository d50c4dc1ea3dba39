"use client";
import type { Permission, PermissionChoices } from "@/lib/permissions/permissions";
import { cn } from "@/lib/cn";

const label = (resource: string) =>
  resource
    .replace(/[-_]/g, " ")
    .replace(/^api\b/, "API")
    .replace(/^./, (c) => c.toUpperCase());

/**
 * Permissions grouped by resource from the registry: a read and a write box per resource. The
 * page passes the registry's choices (data, not code the page ships).
 */
export function PermissionPicker({
  choices,
  value,
  onChange,
  error,
}: {
  choices: PermissionChoices;
  value: readonly Permission[];
  onChange: (next: Permission[]) => void;
  error?: string;
}) {
  const { groups, names } = choices;
  const selected = new Set(value);
  const allSelected = names.every((p) => selected.has(p));
  const toggle = (permission: Permission, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(permission);
    else next.delete(permission);
    onChange(names.filter((p) => next.has(p)));
  };

  return (
    <fieldset
      className="space-y-2"
      aria-describedby={error ? "permissions-error" : "permissions-help"}
      aria-invalid={error ? true : undefined}
    >
      <div className="flex items-center justify-between">
        <legend className="text-sm font-medium text-slate-800">Permissions</legend>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-brand-700"
            checked={allSelected}
            onChange={(event) => onChange(event.target.checked ? [...names] : [])}
          />
          Select all
        </label>
      </div>
      <div className={cn("overflow-hidden rounded-md border", error ? "border-red-600" : "border-slate-200")}>
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-semibold">
                Resource
              </th>
              <th scope="col" className="w-24 px-3 py-2 text-center font-semibold">
                Read
              </th>
              <th scope="col" className="w-24 px-3 py-2 text-center font-semibold">
                Write
              </th>
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <tr key={group.resource} className="border-t border-slate-100">
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  <span className="font-medium">{label(group.resource)}</span>
                  <span className="block text-xs text-slate-600">
                    {[group.read?.description, group.write?.description].filter(Boolean).join(" · ")}
                  </span>
                </th>
                {(["read", "write"] as const).map((access) => {
                  const entry = group[access];
                  return (
                    <td key={access} className="px-3 py-2 text-center">
                      {entry ? (
                        <input
                          type="checkbox"
                          className="size-4 accent-brand-700"
                          aria-label={entry.permission}
                          title={entry.description}
                          checked={selected.has(entry.permission)}
                          onChange={(event) => toggle(entry.permission, event.target.checked)}
                        />
                      ) : (
                        <span className="text-slate-400" aria-label="not applicable">
                          —
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error ? (
        <p id="permissions-error" role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : (
        <p id="permissions-help" className="text-xs text-slate-600">
          Grant only what the integration needs. The API reference lists the permission each endpoint
          requires.
        </p>
      )}
    </fieldset>
  );
}
