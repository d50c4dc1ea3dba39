import { createHmac, timingSafeEqual } from "node:crypto";
import type http from "node:http";
import { Webhook } from "svix";
import { listenOnLoopback, readBody, type Peer } from "./listen";

// A webhook receiver on loopback that checks every delivery as a customer's endpoint would: the
// Standard Webhooks signature with the `svix` package's verifier, and each signature in the header
// recomputed here with node:crypto (HMAC-SHA256 of `id.timestamp.body` under the base64 secret),
// so a rotation's two signatures are each checked against their own secret. Its answers are
// scripted per request; it records what it received.

export type ReceivedDelivery = {
  id: string;
  timestamp: string;
  signatures: string[];
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The svix verifier accepted the request with the endpoint's current secret. */
  verified: boolean;
  /** Which of `secrets` have a valid signature in the header (recomputed independently). */
  signedWith: string[];
  receivedAt: number;
};

export type PeerAnswer = {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
};

export type WebhookPeer = Peer & {
  received: ReceivedDelivery[];
  /** Distinct webhook-ids received. */
  distinctIds(): number;
  /** The secrets the peer checks signatures against (the first is the current one). */
  secrets: string[];
};

export function hmacSignature(secret: string, id: string, timestamp: string, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

function signedWith(secrets: string[], id: string, timestamp: string, body: string, signatures: string[]) {
  return secrets.filter((secret) => {
    const expected = Buffer.from(hmacSignature(secret, id, timestamp, body));
    return signatures.some((given) => {
      const candidate = Buffer.from(given);
      return candidate.length === expected.length && timingSafeEqual(candidate, expected);
    });
  });
}

export async function startWebhookPeer(options: {
  secrets: string[];
  answer?: (delivery: ReceivedDelivery, nthForId: number, req: http.IncomingMessage) => PeerAnswer;
}): Promise<WebhookPeer> {
  const received: ReceivedDelivery[] = [];
  const seen = new Map<string, number>();
  const peer = await listenOnLoopback(async (req, res) => {
    const body = await readBody(req);
    const id = String(req.headers["webhook-id"] ?? "");
    const timestamp = String(req.headers["webhook-timestamp"] ?? "");
    const signatures = String(req.headers["webhook-signature"] ?? "")
      .split(" ")
      .filter(Boolean);
    let verified = false;
    try {
      new Webhook(options.secrets[0]).verify(body, {
        "webhook-id": id,
        "webhook-timestamp": timestamp,
        "webhook-signature": signatures.join(" "),
      });
      verified = true;
    } catch {
      verified = false;
    }
    const delivery: ReceivedDelivery = {
      id,
      timestamp,
      signatures,
      headers: req.headers,
      body,
      verified,
      signedWith: signedWith(options.secrets, id, timestamp, body, signatures),
      receivedAt: Date.now(),
    };
    received.push(delivery);
    const nth = (seen.get(id) ?? 0) + 1;
    seen.set(id, nth);
    const answer = options.answer?.(delivery, nth, req) ?? {
      status: verified ? 200 : 400,
    };
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    if (res.destroyed) return;
    res.writeHead(answer.status, { "content-type": "text/plain", ...answer.headers });
    res.end(answer.body ?? (verified ? "ok" : "bad signature"));
  });
  return { ...peer, received, distinctIds: () => seen.size, secrets: options.secrets };
}
