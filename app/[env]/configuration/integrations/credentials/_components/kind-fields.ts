import type { ComponentType } from "react";
import type { CredentialType } from "@/lib/credentials/schemas";
import { AwsFields } from "./aws-fields";
import { BasicFields } from "./basic-fields";
import { CustomHeadersFields } from "./custom-headers-fields";
import type { TypeFieldsProps } from "./form-types";
import { KeyPairFields } from "./key-pair-fields";
import { OAuthFields } from "./oauth-fields";

/** The console's fields for each credential kind: one line per kind (the rest is in lib/credentials/kinds). */
export const KIND_FIELDS: Record<CredentialType, ComponentType<TypeFieldsProps>> = {
  oauth_client_credentials: OAuthFields,
  aws_signed_request: AwsFields,
  basic: BasicFields,
  key_pair: KeyPairFields,
  custom_headers: CustomHeadersFields,
};
