import type { CredentialType, StoredConfig, StoredSecrets } from "./kinds";

/** A credential of one kind with its secrets decrypted. Exists only inside lib/ while resolving. */
export type MaterialOf<T extends CredentialType> = {
  type: T;
  config: StoredConfig<T>;
  secrets: StoredSecrets<T>;
  id: string;
  version: number;
  name: string;
};

/** A credential of any kind with its secrets decrypted. */
export type ResolvableCredential = { [T in CredentialType]: MaterialOf<T> }[CredentialType];

/** A request the platform is about to send, before and after a credential is applied. */
export type OutgoingRequest = { method: string; url: string; headers: Record<string, string>; body?: string };

/** Sets a header, replacing any existing one whatever its case. */
export function withHeader(
  headers: Record<string, string>,
  name: string,
  value: string,
): Record<string, string> {
  const out = Object.fromEntries(
    Object.entries(headers).filter(([key]) => key.toLowerCase() !== name.toLowerCase()),
  );
  out[name] = value;
  return out;
}
