import { KIND_CATALOGUE, type CredentialType } from "@/lib/credentials/kinds/catalogue";
import type { CredentialFormInput } from "./form-types";

/** Empty values for a new credential of a type (a copy: the form may change it). */
export function emptyValues(type: CredentialType): CredentialFormInput {
  return { ...structuredClone(KIND_CATALOGUE[type].emptyValues), allowedDestinations: [""] };
}

/** The same values with every write-only secret emptied again (after a save). */
export function withoutSecrets(values: CredentialFormInput): CredentialFormInput {
  // The kind's own function takes its own values; TypeScript cannot pair the union with it.
  const kind = KIND_CATALOGUE[values.type] as unknown as {
    withoutSecrets(values: CredentialFormInput): Omit<CredentialFormInput, "allowedDestinations">;
  };
  return {
    ...kind.withoutSecrets(values),
    allowedDestinations: values.allowedDestinations,
  } as CredentialFormInput;
}
