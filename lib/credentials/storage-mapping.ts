import "server-only";
import type { CredentialType } from "./kinds";
import { SERVER_KINDS } from "./kinds/server";
import { NO_SECRETS, type ExistingSecrets, type FormValuesOf, type StoragePlan } from "./kinds/server-kind";

export { NO_SECRETS, type ExistingSecrets, type StoragePlan } from "./kinds/server-kind";

/** Turns validated form values into a storage plan, the way their kind says; `existing` is empty on create. */
export async function planStorage<T extends CredentialType>(
  values: FormValuesOf<T> & { type: T },
  existing: ExistingSecrets = NO_SECRETS,
): Promise<StoragePlan<T>> {
  return SERVER_KINDS[values.type].plan(values, existing);
}
