import "server-only";
import { headers } from "next/headers";

/** The caller's address (computed once by server/index.ts, trusted proxies considered) and user agent. */
export async function requestInfo(): Promise<{
  ip: string | null;
  userAgent: string | null;
  headers: Headers;
}> {
  const h = await headers();
  // server/index.ts stamps the client's address on every request it hands to Next, replacing
  // any value the client sent.
  const ip = h.get("x-workbench-client-ip") || null;
  return { ip, userAgent: h.get("user-agent"), headers: h };
}
