export const credentialsPath = (environment: string) =>
  `/${environment}/configuration/integrations/credentials`;

/** "New Basic auth credential", but "New OAuth client credentials" (its name already says it). */
export function newCredentialTitle(info: { label: string; beta?: boolean }): string {
  const noun = /credentials?$/i.test(info.label) ? "" : " credential";
  return `New ${info.label}${noun}${info.beta ? " (beta)" : ""}`;
}

/** The attribute of a credential's Duplicate and Delete buttons: "duplicate" | "delete". */
export const CREDENTIAL_ACTION = "data-credential-action";
