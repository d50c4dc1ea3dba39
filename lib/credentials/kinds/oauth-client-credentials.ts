import { z } from "zod";
import { isHttpUrl } from "../field-rules";
import { credentialName, defineKind, required, secret, text, type FormMode } from "./kind";

export const OAUTH_SCHEMES = ["body", "query", "post_query"] as const;
export type OAuthScheme = (typeof OAUTH_SCHEMES)[number];
export const OAUTH_SCHEME_LABELS: Record<OAuthScheme, string> = {
  body: "Body parameters (POST, form-encoded)",
  query: "URL query parameters (GET)",
  post_query: "URL query parameters (POST, empty body)",
};

/** The OAuth token is cached this long. */
export const OAUTH_TOKEN_CACHE_SECONDS = 45;

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
  info: {
    label: "OAuth client credentials",
    description: "Requests an access token from your Identity URL and adds Authorization: Bearer …",
    beta: false,
  },
  form,
  stored: z.object({
    identityUrl: z.string(),
    clientId: z.string(),
    scope: z.string(),
    scheme: z.enum(OAUTH_SCHEMES),
  }),
  secrets: z.object({ clientSecret: z.string() }),
  emptyValues: {
    type: "oauth_client_credentials",
    name: "",
    identityUrl: "",
    clientId: "",
    clientSecret: "",
    scope: "",
    scheme: "body",
  },
  withoutSecrets: (values) => ({ ...values, clientSecret: "" }),
});

export type OAuthConfig = z.output<typeof oauthClientCredentials.stored>;
