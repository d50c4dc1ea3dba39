import "server-only";
import { obtainToken, type TokenOutcome } from "../oauth";
import { createRedactor, type Redactor } from "../redact";
import type { TokenView } from "../test-live";
import { jwtClaimsOf, requestView, responseView } from "../test-views";
import { withHeader } from "../types";
import { oauthClientCredentials } from "./oauth-client-credentials";
import { finish, secretPlan, settingsOf, type FieldErrors, type ServerKind } from "./server-kind";

function tokenView(outcome: TokenOutcome, redactor: Redactor): TokenView {
  const exchange = outcome.exchange;
  const response = exchange?.result.ok ? responseView(exchange.result.response, redactor) : null;
  const base = {
    cached: outcome.ok && outcome.cached,
    status: response?.status ?? null,
    request: exchange ? requestView(exchange.request, redactor) : null,
    response,
  };
  if (!outcome.ok)
    return {
      ...base,
      ok: false,
      tokenType: null,
      expiresIn: null,
      scope: null,
      claims: null,
      // The provider's error_description may echo what it was sent.
      error: redactor.text(outcome.message),
    };
  const { token } = outcome;
  return {
    ...base,
    ok: true,
    tokenType: token.tokenType,
    expiresIn: token.expiresIn,
    scope: token.scope,
    claims: jwtClaimsOf(token.accessToken),
    error: null,
  };
}

function tokenSummary(view: TokenView): string {
  if (!view.ok) return view.error ?? "The token request failed.";
  const scope = view.scope ? `, scope "${view.scope}"` : "";
  return `Token issued${view.cached ? " (from cache)" : ""}: ${view.tokenType}, expires in ${view.expiresIn ?? "an unstated number of"} s${scope}.`;
}

export const oauthClientCredentialsServer: ServerKind<"oauth_client_credentials"> = {
  boundSettings: ["identityUrl"],

  plan(values, existing) {
    const errors: FieldErrors = {};
    const secret = secretPlan("clientSecret", values.clientSecret, existing, "client secret", errors);
    return finish(
      { type: values.type, config: settingsOf(oauthClientCredentials, values), ...secret },
      errors,
    );
  },

  async apply(credential, request, deps) {
    const outcome = await obtainToken(credential, deps);
    if (!outcome.ok) return { ok: false, message: outcome.message, oauth: { exchange: outcome.exchange } };
    const { token } = outcome;
    return {
      ok: true,
      request: {
        ...request,
        headers: withHeader(request.headers, "Authorization", `Bearer ${token.accessToken}`),
      },
      warnings: outcome.warnings,
      derivedSecrets: [token.accessToken],
      oauth: { token, cached: outcome.cached, exchange: outcome.exchange },
    };
  },

  /** The token request is the test; a URL, when entered, is then called with the token. */
  async beforeTest(credential, url, deps) {
    const outcome = await obtainToken(credential, deps);
    const token = tokenView(
      outcome,
      createRedactor([credential.secrets.clientSecret, ...(outcome.ok ? [outcome.token.accessToken] : [])]),
    );
    const warnings = outcome.ok ? outcome.warnings : [];
    if (!outcome.ok || !url) {
      const failed =
        !outcome.ok && outcome.exchange && !outcome.exchange.result.ok ? outcome.exchange.result : null;
      const summary = tokenSummary(token);
      // A token request that failed before an answer says why in the result's error kind.
      const error = failed ? { error: { kind: failed.error.kind, message: summary } } : {};
      return { done: { ok: outcome.ok, summary, warnings, token, ...error } };
    }
    // The token just fetched is in the cache, so the test request reuses it.
    return { base: { token, warnings }, deps: { ...deps, forceRefresh: false } };
  },
};
