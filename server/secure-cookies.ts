import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import type { TrustFunction } from "./client-address";

/**
 * Whether the browser's connection was https: TLS on this socket, or a trusted proxy in front
 * (WORKBENCH_TRUST_PROXY) that says so in X-Forwarded-Proto. A client's own header is ignored.
 */
export function arrivedOverHttps(request: IncomingMessage, trust: TrustFunction): boolean {
  if ((request.socket as TLSSocket).encrypted) return true;
  if (!trust(request.socket.remoteAddress ?? "", 0)) return false;
  const header = request.headers["x-forwarded-proto"];
  const nearest = (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",").pop();
  return nearest?.trim().toLowerCase() === "https";
}

const withSecure = (cookie: string) => (/;\s*secure\s*(;|$)/i.test(cookie) ? cookie : `${cookie}; Secure`);

/** Marks every cookie of this response `Secure` when its headers go out (session cookie included). */
export function secureCookies(response: ServerResponse): void {
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const cookies = this.getHeader("set-cookie");
    if (cookies !== undefined)
      this.setHeader("set-cookie", (Array.isArray(cookies) ? cookies : [String(cookies)]).map(withSecure));
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof response.writeHead;
}
