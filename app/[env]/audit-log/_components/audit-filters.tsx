import { Button } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";
import { Alert } from "@/components/ui/card";
import { LiveFilterForm } from "@/components/live-filter-form";

/** Filters that apply as you type; they live in the URL, so a filtered view is a shareable link. */
export function AuditFilters({
  actions,
  environments,
  values,
  invalid,
}: {
  actions: string[];
  environments: string[];
  values: Record<string, string | undefined>;
  invalid: boolean;
}) {
  return (
    <LiveFilterForm
      label="Filter the audit log"
      className="mb-4 grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6"
    >
      {invalid ? (
        <Alert tone="warning" className="sm:col-span-3 lg:col-span-6">
          Some filters were not valid dates and were ignored.
        </Alert>
      ) : null}
      <div className="space-y-1">
        <label htmlFor="filter-actor" className="text-xs font-medium">
          Actor
        </label>
        <Input id="filter-actor" name="actor" defaultValue={values.actor ?? ""} placeholder="email or key" />
      </div>
      <div className="space-y-1">
        <label htmlFor="filter-action" className="text-xs font-medium">
          Action
        </label>
        <NativeSelect id="filter-action" name="action" defaultValue={values.action ?? ""}>
          <option value="">Any action</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="space-y-1">
        <label htmlFor="filter-environment" className="text-xs font-medium">
          Environment
        </label>
        <NativeSelect id="filter-environment" name="environment" defaultValue={values.environment ?? ""}>
          <option value="">Any environment</option>
          {environments.map((e) => (
            <option key={e} value={e}>
              {e}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="space-y-1">
        <label htmlFor="filter-from" className="text-xs font-medium">
          From
        </label>
        <Input id="filter-from" name="from" type="date" defaultValue={values.from ?? ""} />
      </div>
      <div className="space-y-1">
        <label htmlFor="filter-to" className="text-xs font-medium">
          To
        </label>
        <Input id="filter-to" name="to" type="date" defaultValue={values.to ?? ""} />
      </div>
      <div className="flex items-end gap-2">
        <Button type="submit" variant="secondary">
          Apply
        </Button>
        <a href="?" className="text-sm text-brand-700 underline">
          Clear
        </a>
      </div>
    </LiveFilterForm>
  );
}
