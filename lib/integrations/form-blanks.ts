// Blank values of the premium integration forms, free of zod: the console's "New …" dialogs
// need them at first paint; the forms' schemas (./schemas) are fetched at their first check.
import type { S3Kind } from "./kinds";
import type { MarketoFormInput, S3FormInput, SalesforceFormInput } from "./schemas";

/** Blank form values for the "New …" dialogs. */
export function blankS3(kind: S3Kind): S3FormInput {
  return {
    kind,
    name: "",
    bucket: "",
    region: "",
    prefix: "",
    credentialMode: "credential",
    credentialId: "",
    accessKeyId: "",
    secretAccessKey: "",
    sessionToken: "",
    endpointUrl: "",
    forcePathStyle: false,
  };
}
export const BLANK_SALESFORCE: SalesforceFormInput = {
  kind: "salesforce",
  name: "",
  subdomain: "",
  authBaseUrl: "",
  clientId: "",
  clientSecret: "",
  accountId: "",
};
export const BLANK_MARKETO: MarketoFormInput = {
  kind: "marketo",
  name: "",
  munchkinId: "",
  baseUrl: "",
  clientId: "",
  clientSecret: "",
};
