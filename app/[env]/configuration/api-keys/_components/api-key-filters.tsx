import { Button } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";

/** A plain GET form: search and status live in the URL, so a filtered list is a shareable link. */
export function ApiKeyFilters({ search, status }: { search: string; status: string }) {
  return (
    <form
      method="get"
      role="search"
      aria-label="Filter API keys"
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
          placeholder="Name or client ID"
        />
      </div>
      <div className="w-44 space-y-1">
        <label htmlFor="filter-status" className="text-xs font-medium">
          Status
        </label>
        <NativeSelect id="filter-status" name="status" defaultValue={status}>
          <option value="">Any status</option>
          <option value="active">Active</option>
          <option value="expired">Expired</option>
          <option value="revoked">Revoked</option>
        </NativeSelect>
      </div>
      <Button type="submit" variant="secondary">
        Apply
      </Button>
      {search || status ? (
        <a href="?" className="pb-2 text-sm text-brand-700 underline">
          Clear
        </a>
      ) : null}
    </form>
  );
}
