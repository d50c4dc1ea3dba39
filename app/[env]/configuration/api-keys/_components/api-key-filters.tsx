import { ListFilters } from "@/components/list-filters";

const STATUSES = [
  { value: "active", label: "Active" },
  { value: "expired", label: "Expired" },
  { value: "revoked", label: "Revoked" },
];

export function ApiKeyFilters({ search, status }: { search: string; status: string }) {
  return (
    <ListFilters
      label="Filter API keys"
      search={search}
      searchPlaceholder="Name or client ID"
      select={{ name: "status", label: "Status", value: status, anyLabel: "Any status", options: STATUSES }}
    />
  );
}
