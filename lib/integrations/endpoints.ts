// Pure: where each vendor's token endpoint is, from what the form stored.

export type SalesforceEndpoint = { subdomain: string; authBaseUrl: string };
export type MarketoEndpoint = { munchkinId: string; baseUrl: string };

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/** SFMC's auth base is `https://<subdomain>.auth.marketingcloudapis.com/`; the v2 token is below it. */
export function salesforceAuthBase({ subdomain, authBaseUrl }: SalesforceEndpoint): string {
  return authBaseUrl
    ? withoutTrailingSlash(authBaseUrl)
    : `https://${subdomain.toLowerCase()}.auth.marketingcloudapis.com`;
}

export function salesforceTokenUrl(endpoint: SalesforceEndpoint): string {
  return `${salesforceAuthBase(endpoint)}/v2/token`;
}

/**
 * Marketo's REST and identity endpoints share a base (`https://<munchkin>.mktorest.com`); users
 * often paste the "/rest" or "/identity" URL from Admin › Web Services, so either is accepted.
 */
export function marketoBase({ munchkinId, baseUrl }: MarketoEndpoint): string {
  if (!baseUrl) return `https://${munchkinId.toUpperCase()}.mktorest.com`;
  return withoutTrailingSlash(baseUrl).replace(/\/(rest|identity)$/i, "");
}

/** The identity token request: GET with the OAuth parameters in the query (Marketo's documented shape). */
export function marketoTokenUrl(endpoint: MarketoEndpoint, clientId: string, clientSecret: string): string {
  const url = new URL(`${marketoBase(endpoint)}/identity/oauth/token`);
  url.searchParams.set("grant_type", "client_credentials");
  url.searchParams.set("client_id", clientId);
  url.searchParams.set("client_secret", clientSecret);
  return url.href;
}

/** `analytics/` style: the probe object goes below the prefix, with exactly one '/' between. */
export function probeKey(prefix: string, unique: string): string {
  const base = prefix.trim().replace(/^\/+/, "");
  const folder = base === "" || base.endsWith("/") ? base : `${base}/`;
  return `${folder}workbench-probe-${unique}.txt`;
}
