import { Button } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";
import { LiveFilterForm } from "@/components/live-filter-form";

export type FilterSelect = {
  name: string;
  label: string;
  value: string;
  anyLabel: string;
  options: { value: string; label: string }[];
};

/**
 * A list's filters: a search box that filters as you type and one select, both in the URL, so a
 * filtered list is a shareable link.
 */
export function ListFilters({
  label,
  search,
  searchPlaceholder,
  select,
}: {
  label: string;
  search: string;
  searchPlaceholder: string;
  select: FilterSelect;
}) {
  const selectId = `filter-${select.name}`;
  return (
    <LiveFilterForm
      label={label}
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <div className="min-w-56 flex-1 space-y-1">
        <label htmlFor="filter-search" className="text-xs font-medium">
          Search
        </label>
        <Input
          id="filter-search"
          name="q"
          type="search"
          defaultValue={search}
          placeholder={searchPlaceholder}
        />
      </div>
      <div className="w-60 space-y-1">
        <label htmlFor={selectId} className="text-xs font-medium">
          {select.label}
        </label>
        <NativeSelect id={selectId} name={select.name} defaultValue={select.value}>
          <option value="">{select.anyLabel}</option>
          {select.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </NativeSelect>
      </div>
      <Button type="submit" variant="secondary">
        Apply
      </Button>
      {search || select.value ? (
        <a href="?" className="pb-2 text-sm text-brand-700 underline">
          Clear
        </a>
      ) : null}
    </LiveFilterForm>
  );
}
