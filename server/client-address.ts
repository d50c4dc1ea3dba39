import type { IncomingMessage } from "node:http";
import proxyaddr from "@fastify/proxy-addr";
import type { TrustProxy } from "../lib/config";

/** Whether the hop at `index` (0 = the socket's peer, then X-Forwarded-For from the right) is a trusted proxy. */
export type TrustFunction = (address: string, index: number) => boolean;

export function trustFunction(trust: TrustProxy): TrustFunction {
  if (trust.kind === "none") return () => false;
  if (trust.kind === "hops") return (_address, index) => index < trust.hops;
  return proxyaddr.compile(trust.cidrs);
}

/**
 * The one computation of the caller's address, for the console and the API alike: the socket's
 * peer, or — behind trusted proxies — the rightmost X-Forwarded-For address that is not one of
 * them. Addresses a client writes into the header itself sit further left and are never used.
 */
export function clientAddress(request: IncomingMessage, trust: TrustFunction): string {
  return proxyaddr(request, trust);
}
