import { z } from "zod";
import { KIND_CATALOGUE, OAUTH_SCHEMES } from "./catalogue";

export { OAUTH_SCHEMES, OAUTH_SCHEME_LABELS, OAUTH_TOKEN_CACHE_SECONDS, type OAuthScheme } from "./catalogue";
import { isHttpUrl } from "../field-rules";
import { credentialName, defineKind, required, secret, text, type FormMode } from "./kind";

const form = (mode: FormMode) =>
  z.object({
    type: z.literal("oauth_client_credentials"),
    name: credentialName,
    identityUrl: required("Identity URL", 2048).refine(
      isHttpUrl,
      "Enter an http:// or https:// URL (without a user name or password).",
    ),
    clientId: required("client ID"),
    clientSecret: secret("client secret", mode),
    scope: text("scope", 1000),
    scheme: z.enum(OAUTH_SCHEMES),
  });

export const oauthClientCredentials = defineKind({
  type: "oauth_client_credentials",
  info: KIND_CATALOGUE.oauth_client_credentials.info,
  form,
  stored: z.object({
    identityUrl: z.string(),
    clientId: z.string(),
    scope: z.string(),
    scheme: z.enum(OAUTH_SCHEMES),
  }),
  secrets: z.object({ clientSecret: z.string() }),
  emptyValues: KIND_CATALOGUE.oauth_client_credentials.emptyValues,
  withoutSecrets: KIND_CATALOGUE.oauth_client_credentials.withoutSecrets,
});

export type OAuthConfig = z.output<typeof oauthClientCredentials.stored>;
