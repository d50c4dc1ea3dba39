import { decodeJwt, decodeProtectedHeader } from "jose";
import type { OutboundRedirect, OutboundRequest, OutboundResponse, OutboundTiming } from "../outbound";
import type { Redactor } from "./redact";

export const DISPLAY_BODY_LIMIT = 16 * 1024;

export type RequestView = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
};
export type ResponseView = {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  /** Text for display, cut at 16 KiB and with secrets redacted. */
  body: string;
  bodyBytes: number;
  bodyTruncated: boolean;
  timing: OutboundTiming;
  remoteAddress: string | null;
  redirects: OutboundRedirect[];
};

export function requestView(
  request: OutboundRequest,
  redactor: Redactor,
  secretHeaderNames: string[] = [],
): RequestView {
  const body = request.body === undefined ? null : request.body.toString();
  const isForm = Object.entries(request.headers ?? {}).some(
    ([k, v]) => k.toLowerCase() === "content-type" && /x-www-form-urlencoded/i.test(v),
  );
  return {
    method: request.method,
    url: redactor.url(request.url),
    headers: redactor.headers(request.headers ?? {}, secretHeaderNames),
    body: body === null ? null : isForm ? redactor.formBody(body) : redactor.text(body),
  };
}

function displayBody(body: Buffer, redactor: Redactor): { text: string; cut: boolean } {
  const head = body.subarray(0, DISPLAY_BODY_LIMIT);
  if (head.subarray(0, 1024).includes(0))
    return { text: `(binary content, ${body.length} bytes)`, cut: false };
  return { text: redactor.text(head.toString("utf8")), cut: body.length > DISPLAY_BODY_LIMIT };
}

export function responseView(response: OutboundResponse, redactor: Redactor): ResponseView {
  const { text, cut } = displayBody(response.body, redactor);
  return {
    status: response.status,
    statusText: response.statusText,
    headers: redactor.headers(response.headers),
    body: text,
    bodyBytes: response.body.length,
    bodyTruncated: cut || response.truncated,
    timing: response.timing,
    remoteAddress: response.remoteAddress,
    redirects: response.redirects.map((r) => ({
      ...r,
      url: redactor.url(r.url),
      location: redactor.url(r.location),
    })),
  };
}

/** The claims of a token that is a JWT (never the token itself); null for opaque tokens. */
export function jwtClaimsOf(token: string): Record<string, unknown> | null {
  if (token.split(".").length !== 3) return null;
  try {
    decodeProtectedHeader(token);
    return decodeJwt(token) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export function describeStatus(status: number): string {
  if (status === 401) return " The server did not accept the credential (401).";
  if (status === 403) return " The credential was accepted but lacks permission for this request (403).";
  if (status >= 500) return " The server had an error; the credential may be fine.";
  if (status >= 400) return " The server refused the request.";
  return "";
}
