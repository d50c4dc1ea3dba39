import { CREDENTIAL_TYPES, CREDENTIAL_TYPE_INFO } from "@/lib/credentials/schemas";
import { Button } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";

/** A plain GET form: search and type live in the URL, so a filtered list is a shareable link. */
export function CredentialFilters({ search, type }: { search: string; type: string }) {
  return (
    <form
      method="get"
      role="search"
      aria-label="Filter credentials"
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
          placeholder="Credential name"
        />
      </div>
      <div className="w-60 space-y-1">
        <label htmlFor="filter-type" className="text-xs font-medium">
          Type
        </label>
        <NativeSelect id="filter-type" name="type" defaultValue={type}>
          <option value="">Any type</option>
          {CREDENTIAL_TYPES.map((t) => (
            <option key={t} value={t}>
              {CREDENTIAL_TYPE_INFO[t].label}
              {CREDENTIAL_TYPE_INFO[t].beta ? " (beta)" : ""}
            </option>
          ))}
        </NativeSelect>
      </div>
      <Button type="submit" variant="secondary">
        Apply
      </Button>
      {search || type ? (
        <a href="?" className="pb-2 text-sm text-brand-700 underline">
          Clear
        </a>
      ) : null}
    </form>
  );
}
