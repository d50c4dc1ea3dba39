import http from "node:http";
import { Webhook } from "svix";
import { listenOnLoopback, readBody, type Peer } from "../../test-support/peers/listen";

// A customer's webhook endpoint on loopback: it checks the Standard Webhooks signature with the
// `svix` package's verifier (an implementation independent of the signer) under the secret the
// console showed, and only then hands the request to the peer behind it, which checks the
// credential its own way (SigV4, JWT, OAuth bearer, Basic, header). It records both verdicts.

export type FrontDelivery = {
  id: string;
  eventType: string | null;
  signatureOk: boolean;
  /** The credential peer's answer (0 when the signature was refused and nothing was forwarded). */
  status: number;
  authorization: string | undefined;
};

export type WebhookFront = Peer & {
  deliveries: FrontDelivery[];
  /** Why the verifier refused signatures (for a failing test's message). */
  refusals: string[];
  /** Deliveries whose signature verified and whose credential the peer behind accepted. */
  accepted(): FrontDelivery[];
  /** The signing secret the console showed once (set after the endpoint is created). */
  useSecret(secret: string): void;
};

export async function startWebhookFront(
  target: Peer,
  options: { preserveHost?: boolean } = {},
): Promise<WebhookFront> {
  const upstream = new URL(target.url);
  const deliveries: FrontDelivery[] = [];
  let secret: string | null = null;
  const refusals: string[] = [];
  const front = await listenOnLoopback(async (req, res) => {
    const body = await readBody(req);
    const id = String(req.headers["webhook-id"] ?? "");
    let eventType: string | null = null;
    let signatureOk = false;
    try {
      if (!secret) throw new Error("no secret yet");
      // Throws unless one of the signatures is valid for this secret and the timestamp is recent.
      new Webhook(secret).verify(body, {
        "webhook-id": id,
        "webhook-timestamp": String(req.headers["webhook-timestamp"] ?? ""),
        "webhook-signature": String(req.headers["webhook-signature"] ?? ""),
      });
      signatureOk = true;
      eventType = (JSON.parse(body) as { type?: string }).type ?? null;
    } catch (error) {
      signatureOk = false;
      refusals.push((error as Error).message);
    }
    const record: FrontDelivery = {
      id,
      eventType,
      signatureOk,
      status: 0,
      authorization: req.headers.authorization,
    };
    deliveries.push(record);
    if (!signatureOk) {
      res.writeHead(400, { "content-type": "text/plain" }).end("bad signature");
      return;
    }
    const headers = { ...req.headers, ...(options.preserveHost ? {} : { host: upstream.host }) };
    const forward = http.request(
      { host: "127.0.0.1", port: upstream.port, method: req.method, path: req.url, headers },
      (answer) => {
        record.status = answer.statusCode ?? 0;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.writeHead(502).end());
    forward.end(body);
  });
  return {
    url: front.url,
    deliveries,
    refusals,
    accepted: () => deliveries.filter((d) => d.signatureOk && d.status >= 200 && d.status < 300),
    useSecret: (value) => {
      secret = value;
    },
    close: async () => {
      await front.close();
      await target.close();
    },
  };
}
