import Provider from "oidc-provider";
import { listenOnLoopback, type Peer } from "./listen";

export type OidcPeer = Peer & {
  issuer: string;
  tokenUrl: string;
  /** How many requests reached the token endpoint. */
  tokenRequests(): number;
  /** Whether this provider issued `token` (a live client-credentials access token) to the client. */
  issued(token: string): Promise<boolean>;
};

/**
 * A real OAuth 2 authorization server (oidc-provider) with the client_credentials grant, for
 * the body scheme (client_secret_post: parameters in a form-encoded POST body).
 */
export async function startOidcPeer(client: {
  clientId: string;
  clientSecret: string;
  scope?: string;
}): Promise<OidcPeer> {
  let provider: Provider | null = null;
  let tokenRequests = 0;
  const peer = await listenOnLoopback((req, res) => {
    if (req.url?.startsWith("/token")) tokenRequests += 1;
    if (!provider) {
      res.writeHead(503).end();
      return;
    }
    provider.callback()(req, res);
  });
  provider = new Provider(peer.url, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        grant_types: ["client_credentials"],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: "client_secret_post",
        scope: client.scope ?? "read write",
      },
    ],
    scopes: (client.scope ?? "read write").split(" "),
    features: { clientCredentials: { enabled: true }, devInteractions: { enabled: false } },
  });
  const issuedBy = provider;
  return {
    ...peer,
    issuer: peer.url,
    tokenUrl: `${peer.url}/token`,
    tokenRequests: () => tokenRequests,
    issued: async (token) => (await issuedBy.ClientCredentials.find(token))?.clientId === client.clientId,
  };
}
