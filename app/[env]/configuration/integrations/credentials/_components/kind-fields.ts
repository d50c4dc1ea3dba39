import dynamic from "next/dynamic";
import type { ComponentType } from "react";
import type { CredentialType } from "@/lib/credentials/schemas";
import type { TypeFieldsProps } from "./form-types";

// Each kind's fields are a chunk of their own: a page fetches only the kind it shows.
/** The console's fields for each credential kind: one line per kind (the rest is in lib/credentials/kinds). */
export const KIND_FIELDS: Record<CredentialType, ComponentType<TypeFieldsProps>> = {
  oauth_client_credentials: dynamic(() => import("./oauth-fields").then((m) => m.OAuthFields)),
  aws_signed_request: dynamic(() => import("./aws-fields").then((m) => m.AwsFields)),
  basic: dynamic(() => import("./basic-fields").then((m) => m.BasicFields)),
  key_pair: dynamic(() => import("./key-pair-fields").then((m) => m.KeyPairFields)),
  custom_headers: dynamic(() => import("./custom-headers-fields").then((m) => m.CustomHeadersFields)),
};
