import { NextResponse, type NextRequest } from "next/server";
import { config as workbenchConfig } from "@/lib/config";
import { consoleContentSecurityPolicy } from "@/server/security-headers";

// Next's request proxy: a fresh nonce per console request. The policy goes on the request too,
// where Next reads the nonce for its own scripts, and on the response, where the browser
// enforces it. (The headers common to every response are set by server/index.ts.)
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = consoleContentSecurityPolicy(nonce, workbenchConfig().publicUrl);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Pages and server actions; not the static files Next serves with long cache lifetimes.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
