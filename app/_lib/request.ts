import "server-only";
import { headers } from "next/headers";
import { config } from "@/lib/config";

/** The caller's IP (from the proxy header only when WORKBENCH_TRUST_PROXY=1) and user agent. */
export async function requestInfo(): Promise<{
  ip: string | null;
  userAgent: string | null;
  headers: Headers;
}> {
  const h = await headers();
  const forwarded = config().trustProxy ? h.get("x-forwarded-for")?.split(",")[0]?.trim() : null;
  // server/index.ts stamps the socket address on every request it hands to Next.
  const ip = forwarded || h.get("x-workbench-client-ip") || null;
  return { ip, userAgent: h.get("user-agent"), headers: h };
}
