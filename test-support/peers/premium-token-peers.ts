import { randomUUID } from "node:crypto";
import { listenOnLoopback, readBody, sendJson, type Peer } from "./listen";

export type TokenPeerOptions = { clientId: string; clientSecret: string };
export type RecordingPeer = Peer & {
  requests: { method: string; path: string; contentType: string | null; body: string }[];
};

/**
 * Salesforce Marketing Cloud's v2 token endpoint as documented ("Request an Access Token for
 * Server-to-Server Integrations"): POST /v2/token, JSON body with grant_type=client_credentials,
 * client_id, client_secret and optional account_id (the MID). Anything else is refused.
 */
export async function startSalesforcePeer(
  options: TokenPeerOptions & { accountId?: string },
): Promise<RecordingPeer> {
  const requests: RecordingPeer["requests"] = [];
  const peer = await listenOnLoopback(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? "/", "http://peer");
    requests.push({
      method: req.method ?? "",
      path: url.pathname,
      contentType: req.headers["content-type"] ?? null,
      body,
    });
    if (url.pathname !== "/v2/token") return sendJson(res, 404, { message: "Not Found", errorcode: 404 });
    if (req.method !== "POST") return sendJson(res, 405, { message: "Method Not Allowed", errorcode: 405 });
    if (!/^application\/json\b/.test(req.headers["content-type"] ?? ""))
      return sendJson(res, 400, {
        error: "unsupported_grant_type",
        error_description: "Use Content-Type: application/json.",
      });
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return sendJson(res, 400, { error: "invalid_request", error_description: "The body is not JSON." });
    }
    if (json.grant_type !== "client_credentials")
      return sendJson(res, 400, {
        error: "unsupported_grant_type",
        error_description: "Use grant_type client_credentials.",
      });
    if (json.client_id !== options.clientId || json.client_secret !== options.clientSecret) {
      return sendJson(res, 401, {
        error: "invalid_client",
        error_description:
          "Client authentication failed. Make sure that the client ID and client secret are valid.",
        error_uri: "https://developer.salesforce.com/docs",
      });
    }
    if (options.accountId && String(json.account_id ?? "") !== options.accountId) {
      return sendJson(res, 401, {
        error: "invalid_grant",
        error_description: "The client's account_id (MID) is not valid for this installed package.",
      });
    }
    const host = req.headers.host ?? "127.0.0.1";
    sendJson(res, 200, {
      access_token: `sfmc-${randomUUID()}`,
      token_type: "Bearer",
      expires_in: 1079,
      scope: "offline email_read email_send data_extensions_read",
      soap_instance_url: `http://${host}/soap/`,
      rest_instance_url: `http://${host}/rest/`,
    });
  });
  return { ...peer, requests };
}

/**
 * Marketo's identity endpoint as documented ("Authentication"): GET /identity/oauth/token with
 * grant_type, client_id and client_secret as query parameters.
 */
export async function startMarketoPeer(options: TokenPeerOptions): Promise<RecordingPeer> {
  const requests: RecordingPeer["requests"] = [];
  const peer = await listenOnLoopback(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? "/", "http://peer");
    requests.push({
      method: req.method ?? "",
      path: `${url.pathname}${url.search}`,
      contentType: req.headers["content-type"] ?? null,
      body,
    });
    if (url.pathname !== "/identity/oauth/token") return sendJson(res, 404, { error: "not_found" });
    if (req.method !== "GET" || body !== "")
      return sendJson(res, 405, {
        error: "method_not_allowed",
        error_description: "Use GET with query parameters.",
      });
    const query = url.searchParams;
    if (query.get("grant_type") !== "client_credentials")
      return sendJson(res, 400, { error: "invalid_request", error_description: "Missing grant type" });
    if (query.get("client_id") !== options.clientId || query.get("client_secret") !== options.clientSecret) {
      return sendJson(res, 401, { error: "unauthorized", error_description: "Bad client credentials" });
    }
    sendJson(res, 200, {
      access_token: `${randomUUID()}:ab`,
      token_type: "bearer",
      expires_in: 3599,
      scope: "api-user@example.com",
    });
  });
  return { ...peer, requests };
}
