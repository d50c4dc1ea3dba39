// Minimal typing of the parts of oidc-provider the test peer uses (the package ships none).
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export type ClientMetadata = {
    client_id: string;
    client_secret?: string;
    grant_types?: string[];
    redirect_uris?: string[];
    response_types?: string[];
    token_endpoint_auth_method?: string;
    scope?: string;
  };

  export type Configuration = {
    clients?: ClientMetadata[];
    scopes?: string[];
    features?: Record<string, { enabled: boolean }>;
    ttl?: Record<string, number>;
  };

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    /** Client-credentials access tokens this provider issued (opaque; undefined when unknown or expired). */
    ClientCredentials: { find(token: string): Promise<{ clientId?: string } | undefined> };
  }
}
