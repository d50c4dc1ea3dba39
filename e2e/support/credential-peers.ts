import http from "node:http";
import { timingSafeEqual } from "node:crypto";
import { listenOnLoopback, sendJson, type Peer } from "../../test-support/peers/listen";

export type ReceivedRequest = {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  status: number;
};
/** A peer behind a loopback recorder: what it received and what it answered. */
export type RecordedPeer = Peer & { received: ReceivedRequest[]; accepted: () => ReceivedRequest[] };

/**
 * Puts a recorder in front of a peer from test-support/peers (which do not all record). The Host
 * header is kept when `preserveHost` (SigV4 signs it), otherwise set to the peer's own.
 */
export async function recorded(
  target: Peer | Promise<Peer>,
  options: { preserveHost?: boolean } = {},
): Promise<RecordedPeer> {
  const peer = await target;
  const upstream = new URL(peer.url);
  const received: ReceivedRequest[] = [];
  const front = await listenOnLoopback((req, res) => {
    const headers = { ...req.headers, ...(options.preserveHost ? {} : { host: upstream.host }) };
    const forward = http.request(
      { host: "127.0.0.1", port: upstream.port, method: req.method, path: req.url, headers },
      (answer) => {
        received.push({
          method: req.method ?? "",
          path: req.url ?? "",
          headers: req.headers,
          status: answer.statusCode ?? 0,
        });
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.writeHead(502).end());
    req.pipe(forward);
  });
  return {
    url: front.url,
    received,
    accepted: () => received.filter((r) => r.status >= 200 && r.status < 300),
    close: async () => {
      await front.close();
      await peer.close();
    },
  };
}

/** An API that answers 200 only when every expected header has exactly the expected value. */
export function startHeadersPeer(expected: Record<string, string>): Promise<Peer> {
  return listenOnLoopback((req, res) => {
    const wrong = Object.entries(expected).filter(([name, value]) => {
      const given = Buffer.from(String(req.headers[name.toLowerCase()] ?? ""));
      const want = Buffer.from(value);
      return given.length !== want.length || !timingSafeEqual(given, want);
    });
    if (wrong.length)
      return sendJson(res, 401, { error: "missing or wrong headers", headers: wrong.map(([name]) => name) });
    sendJson(res, 200, { authorised: true });
  });
}

/** A loopback port with nothing listening (for the "connection refused" failure). */
export async function closedLoopbackUrl(): Promise<string> {
  const peer = await listenOnLoopback(() => undefined);
  await peer.close();
  return `${peer.url}/health`;
}
