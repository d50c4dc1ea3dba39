import { CREDENTIAL_TYPES, CREDENTIAL_TYPE_INFO } from "@/lib/credentials/kinds/catalogue";
import { ListFilters } from "@/components/list-filters";

const TYPES = CREDENTIAL_TYPES.map((t) => ({
  value: t,
  label: `${CREDENTIAL_TYPE_INFO[t].label}${CREDENTIAL_TYPE_INFO[t].beta ? " (beta)" : ""}`,
}));

export function CredentialFilters({ search, type }: { search: string; type: string }) {
  return (
    <ListFilters
      label="Filter credentials"
      search={search}
      searchPlaceholder="Credential name"
      select={{ name: "type", label: "Type", value: type, anyLabel: "Any type", options: TYPES }}
    />
  );
}
