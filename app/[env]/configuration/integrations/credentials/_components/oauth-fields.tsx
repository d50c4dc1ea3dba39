"use client";
import {
  OAUTH_SCHEMES,
  OAUTH_SCHEME_LABELS,
  OAUTH_TOKEN_CACHE_SECONDS,
  type OAuthScheme,
} from "@/lib/credentials/kinds/catalogue";
import { Alert } from "@/components/ui/card";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { errorOf, setField, textField, valueOf, type TypeFieldsProps } from "./form-types";
import { SecretInput } from "./secret-input";

const SCHEME_HELP: Record<OAuthScheme, string> = {
  body: "grant_type, client_id, client_secret and scope are URL encoded (application/x-www-form-urlencoded) in the body of a POST to the Identity URL.",
  query: "The same parameters are sent in the query string of a GET to the Identity URL.",
  post_query:
    "The parameters are sent in the query string of a POST with no body, for providers that expect that.",
};

export function OAuthFields({ form, mode, secretsSet, readOnly }: TypeFieldsProps) {
  const urlError = errorOf(form, "identityUrl");
  const idError = errorOf(form, "clientId");
  const scopeError = errorOf(form, "scope");
  const schemeError = errorOf(form, "scheme");
  return (
    <>
      <Alert tone="info">
        The access token is cached for {OAUTH_TOKEN_CACHE_SECONDS} seconds after it is first retrieved, so the
        Identity URL is not overloaded. Set the token expiry at your provider to longer than{" "}
        {OAUTH_TOKEN_CACHE_SECONDS} seconds.
      </Alert>
      <Field
        id="oauth-identity-url"
        label="Identity URL"
        error={urlError}
        help="The token endpoint. Any query parameters in it are merged with the OAuth parameters, for extra parameters your provider needs."
      >
        <Input
          type="url"
          inputMode="url"
          placeholder="https://login.example.com/oauth2/v2.0/token"
          readOnly={readOnly}
          {...fieldAria("oauth-identity-url", urlError, true)}
          {...textField(form, "identityUrl")}
        />
      </Field>
      <Field id="oauth-client-id" label="Client ID" error={idError}>
        <Input
          autoComplete="off"
          readOnly={readOnly}
          {...fieldAria("oauth-client-id", idError)}
          {...textField(form, "clientId")}
        />
      </Field>
      <SecretInput
        form={form}
        name="clientSecret"
        id="oauth-client-secret"
        label="Client secret"
        stored={mode === "update" && Boolean(secretsSet.clientSecret)}
        readOnly={readOnly}
      />
      <Field
        id="oauth-scope"
        label="Scope (optional)"
        error={scopeError}
        help="Space-separated, as your provider expects it."
      >
        <Input
          autoComplete="off"
          readOnly={readOnly}
          {...fieldAria("oauth-scope", scopeError, true)}
          {...textField(form, "scope")}
        />
      </Field>
      <fieldset className="space-y-2" aria-describedby={schemeError ? "oauth-scheme-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Request scheme</legend>
        {OAUTH_SCHEMES.map((scheme) => (
          <label
            key={scheme}
            className="flex items-start gap-2 rounded-md border border-slate-200 bg-white p-3 text-sm has-[:checked]:border-brand-600"
          >
            <input
              type="radio"
              value={scheme}
              className="mt-1"
              disabled={readOnly}
              name="scheme"
              checked={valueOf(form, "scheme") === scheme}
              onChange={() => setField(form, "scheme", scheme)}
            />
            <span>
              <span className="font-medium">{OAUTH_SCHEME_LABELS[scheme]}</span>
              <span className="block text-xs text-slate-600">{SCHEME_HELP[scheme]}</span>
            </span>
          </label>
        ))}
        {schemeError ? (
          <p id="oauth-scheme-error" role="alert" className="text-xs font-medium text-red-700">
            {schemeError}
          </p>
        ) : null}
      </fieldset>
    </>
  );
}
