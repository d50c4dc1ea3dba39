import "server-only";
import type { JWK } from "jose";
import { z } from "zod";
import { DomainError } from "../../result";
import type { AppliedCredential } from "../apply";
import type { Redactor } from "../redact";
import type { ResolveDeps } from "../resolve-deps";
import type { CredentialTestResult } from "../test-live";
import type { MaterialOf, OutgoingRequest } from "../types";
import type { CredentialType, KindOf, StoredConfig } from ".";
import type { CredentialKind } from "./kind";

// The server-only half of a credential kind: what its form values become in storage, what an
// edit form shows, and how it is applied to a request. Heavy machinery (the OAuth token cache,
// SigV4, JWT signing) stays in its own module; a kind refers to it.

/** A kind's validated form values (on update an empty secret means "unchanged"). */
export type FormValuesOf<T extends CredentialType> = z.output<ReturnType<KindOf<T>["form"]>>;

/** What the form's values become in storage: settings, new plaintext secrets, and which stored secrets stay. */
export type StoragePlan<T extends CredentialType = CredentialType> = {
  type: T;
  config: StoredConfig<T>;
  /** Secrets typed (or generated) now; encrypted by the caller. */
  newSecrets: Record<string, string>;
  /** Stored secrets kept unchanged (their ciphertext is reused as is). */
  keep: string[];
};

/** The stored secrets of the record being edited (none on create). */
export type ExistingSecrets = { has(field: string): boolean; reveal(field: string): string };
export const NO_SECRETS: ExistingSecrets = { has: () => false, reveal: () => "" };

/** A kind's form values for editing (the common fields are added by the caller). */
export type KindEditValues = Omit<EditValues, "values"> & { values: FormValuesOf<CredentialType> };

/** Form values for editing: every secret empty ("unchanged"), plus which secrets are set. */
export type EditValues = {
  values: FormValuesOf<CredentialType> & { allowedDestinations: string[] };
  /** Form field path → a value is stored (e.g. `clientSecret`, `headers.2.value`). */
  secretsSet: Record<string, boolean>;
  /** Key-pair only: what the verifying system needs. */
  publicKey: { pem: string; jwk: JWK } | null;
};

/** Where a live test starts: a kind may run a step of its own first (OAuth: the token request). */
export type TestStart =
  { done: CredentialTestResult } | { base: Partial<CredentialTestResult>; deps: ResolveDeps };

export type ServerKind<T extends CredentialType> = {
  /** Turns validated form values into a storage plan; `existing` is empty on create. */
  plan(values: FormValuesOf<T>, existing: ExistingSecrets): StoragePlan<T> | Promise<StoragePlan<T>>;
  /** Applies the credential to an outgoing request; throws only with messages free of secrets. */
  apply(credential: MaterialOf<T>, request: OutgoingRequest, deps: ResolveDeps): Promise<AppliedCredential>;
  /** The edit form's values; by default the settings with every secret field empty. */
  editValues?(config: StoredConfig<T>, name: string, isSet: (field: string) => boolean): KindEditValues;
  /** Where the live test sends its request when no URL is entered. */
  defaultTestUrl?(config: StoredConfig<T>): string;
  /** A step the live test runs before its request, which may end the test. */
  beforeTest?(credential: MaterialOf<T>, url: string, deps: ResolveDeps): Promise<TestStart>;
  /** What the test panel shows of how the credential was applied (the signing steps, the JWT). */
  testDetails?(
    applied: Extract<AppliedCredential, { ok: true }>,
    redactor: Redactor,
  ): Pick<CredentialTestResult, "signing" | "jwt">;
  /** Header names whose values are secrets of this credential (redacted in the test panel). */
  secretHeaderNames?(config: StoredConfig<T>): string[];
  /**
   * Settings that decide where the secret goes (OAuth: the Identity URL). Changing one, like
   * changing the allowed destinations, requires typing the secrets again in the same save.
   */
  boundSettings?: readonly (keyof StoredConfig<T> & string)[];
  /** The form field of a stored secret, when it is not the secret's own name (custom headers). */
  secretFormPath?(field: string, values: FormValuesOf<T>): string;
};

/** The names of a kind's fixed secret fields (none for kinds whose secrets are keyed by data). */
export function secretFieldNames(kind: Pick<CredentialKind, "secrets">): string[] {
  return kind.secrets instanceof z.ZodObject ? Object.keys(kind.secrets.shape) : [];
}

/** The settings among the form values: exactly what the kind's stored schema names. */
export function settingsOf<T extends CredentialType>(
  kind: KindOf<T>,
  values: FormValuesOf<T>,
): StoredConfig<T> {
  return kind.stored.parse(values) as StoredConfig<T>;
}

/** The default edit values: the settings with every write-only secret emptied. */
export function settingsEditValues<T extends CredentialType>(
  kind: KindOf<T>,
  config: StoredConfig<T>,
  name: string,
  isSet: (field: string) => boolean,
): KindEditValues {
  const withoutSecrets = kind.withoutSecrets as (values: unknown) => FormValuesOf<T>;
  return {
    values: withoutSecrets({ type: kind.type, name, ...config }),
    secretsSet: Object.fromEntries(secretFieldNames(kind).map((field) => [field, isSet(field)])),
    publicKey: null,
  };
}

export type FieldErrors = Record<string, string>;

export function invalid(fieldErrors: FieldErrors): never {
  throw new DomainError("Please correct the highlighted fields.", "invalid", fieldErrors);
}

/** A typed secret replaces the stored one; an empty one keeps it, if there is one. */
export function secretPlan(
  field: string,
  typed: string | undefined,
  existing: ExistingSecrets,
  label: string,
  errors: FieldErrors,
) {
  if (typed) return { newSecrets: { [field]: typed }, keep: [] as string[] };
  if (existing.has(field)) return { newSecrets: {}, keep: [field] };
  errors[field] = `Enter the ${label}.`;
  return { newSecrets: {}, keep: [] as string[] };
}

export function finish<T extends CredentialType>(plan: StoragePlan<T>, errors: FieldErrors): StoragePlan<T> {
  if (Object.keys(errors).length) invalid(errors);
  return plan;
}
