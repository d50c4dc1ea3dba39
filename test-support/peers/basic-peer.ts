import { timingSafeEqual } from "node:crypto";
import { listenOnLoopback, sendJson, type Peer } from "./listen";

/** An HTTP server that answers 200 only to `Authorization: Basic base64(username:password)`. */
export function startBasicPeer(credentials: { username: string; password: string }): Promise<Peer> {
  const expected = Buffer.from(
    `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`,
  );
  return listenOnLoopback((req, res) => {
    const given = Buffer.from(req.headers.authorization ?? "");
    if (given.length === expected.length && timingSafeEqual(given, expected)) {
      sendJson(res, 200, { authenticated: true, user: credentials.username });
      return;
    }
    sendJson(res, 401, { error: "invalid credentials" }, { "www-authenticate": 'Basic realm="peer"' });
  });
}
