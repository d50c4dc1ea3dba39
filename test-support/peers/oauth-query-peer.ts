import { randomBytes } from "node:crypto";
import { listenOnLoopback, readBody, sendJson, type Peer } from "./listen";

export type QueryTokenPeer = Peer & {
  tokenUrl: string;
  requests: { method: string; query: Record<string, string>; body: string }[];
};

/**
 * A plain token endpoint for the query schemes: `GET` (URL query parameters) or `POST` with
 * the parameters in the query and an empty body. It also requires the extra parameters that
 * were part of the Identity URL, proving they were merged.
 */
export async function startQueryTokenPeer(options: {
  clientId: string;
  clientSecret: string;
  method: "GET" | "POST";
  extra: Record<string, string>;
  expiresIn?: number;
}): Promise<QueryTokenPeer> {
  const requests: QueryTokenPeer["requests"] = [];
  const peer = await listenOnLoopback(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://peer");
    const body = await readBody(req);
    const query = Object.fromEntries(url.searchParams);
    requests.push({ method: req.method ?? "", query, body });
    if (url.pathname !== "/token" || req.method !== options.method || body !== "")
      return sendJson(res, 400, {
        error: "invalid_request",
        error_description: `expected ${options.method} with an empty body`,
      });
    if (query.grant_type !== "client_credentials")
      return sendJson(res, 400, { error: "unsupported_grant_type" });
    if (query.client_id !== options.clientId || query.client_secret !== options.clientSecret)
      return sendJson(res, 401, { error: "invalid_client" });
    const missing = Object.entries(options.extra).filter(([k, v]) => query[k] !== v);
    if (missing.length)
      return sendJson(res, 400, {
        error: "invalid_request",
        error_description: `missing ${missing.map(([k]) => k).join(", ")}`,
      });
    sendJson(res, 200, {
      access_token: randomBytes(16).toString("hex"),
      token_type: "Bearer",
      expires_in: options.expiresIn ?? 3600,
      scope: query.scope ?? "",
    });
  });
  return { ...peer, tokenUrl: `${peer.url}/token`, requests };
}
