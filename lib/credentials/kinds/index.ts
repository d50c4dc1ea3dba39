// The registry of credential kinds, client-safe half: one line per kind. The server half of
// each kind is registered in ./server.
import { z } from "zod";
import { awsSignedRequest } from "./aws-signed-request";
import { basic } from "./basic";
import { customHeaders } from "./custom-headers";
import { commonFields, type CommonFields, type CredentialKind, type FormMode } from "./kind";
import { keyPair } from "./key-pair";
import { oauthClientCredentials } from "./oauth-client-credentials";

/** In the order the console offers them. */
const KINDS = [oauthClientCredentials, awsSignedRequest, basic, keyPair, customHeaders] as const;

type Kinds = typeof KINDS;
export type CredentialType = Kinds[number]["type"];
export type KindOf<T extends CredentialType> = Extract<Kinds[number], { type: T }>;

export const CREDENTIAL_KINDS = Object.fromEntries(KINDS.map((kind) => [kind.type, kind])) as {
  [T in CredentialType]: KindOf<T>;
};

// Generic, so that mapping the KINDS tuple gives a tuple again.
type FormsOf<K extends readonly CredentialKind[]> = {
  -readonly [I in keyof K]: z.ZodObject<ReturnType<K[I]["form"]>["shape"] & CommonFields>;
};

// The types, in this order, and their descriptions: from the zod-free catalogue the kinds are built from.
export { CREDENTIAL_TYPES, CREDENTIAL_TYPE_INFO } from "./catalogue";

export function isCredentialType(value: string): value is CredentialType {
  return Object.hasOwn(CREDENTIAL_KINDS, value);
}

/** The settings a kind keeps in the `config` column. */
export type StoredConfig<T extends CredentialType> = z.output<KindOf<T>["stored"]>;
/** The secrets a kind keeps encrypted, decrypted. */
export type StoredSecrets<T extends CredentialType> = z.output<KindOf<T>["secrets"]>;

/** The form's schema: a discriminated union on `type` of every kind's fields plus the common ones. */
export function credentialFormSchema(mode: FormMode) {
  return z.discriminatedUnion(
    "type",
    // safeExtend keeps each kind's own refinements.
    KINDS.map((kind) => kind.form(mode).safeExtend(commonFields)) as unknown as FormsOf<Kinds>,
  );
}
