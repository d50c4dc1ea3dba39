import type { OutboundResponse, OutboundTiming } from "../outbound";

/** What a Send Request answers: the destination's response, whatever its status. */
export type SentResponse = {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  /** UTF-8 text, or base64 when the body is binary (see `bodyEncoding`). */
  body: string;
  bodyEncoding: "utf8" | "base64";
  bodyBytes: number;
  /** The body was longer than the cap and was cut there. */
  truncated: boolean;
  timings: OutboundTiming;
  redirects: { url: string; status: number; location: string }[];
};

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Text when the bytes are valid UTF-8 without NUL characters; otherwise null (send as base64). */
export function textOf(body: Buffer): string | null {
  if (body.includes(0)) return null;
  try {
    return utf8.decode(body);
  } catch {
    return null;
  }
}

/**
 * Pure. The response as the caller sees it. `scrub` hides the credential's own secret values
 * wherever a destination echoes them back (text bodies, header values, redirect URLs).
 */
export function sentResponse(
  response: OutboundResponse,
  scrub: { text(value: string): string; headers(h: Record<string, string>): Record<string, string> },
): SentResponse {
  const text = textOf(response.body);
  return {
    status: response.status,
    statusText: response.statusText,
    headers: scrub.headers(response.headers),
    body: text === null ? response.body.toString("base64") : scrub.text(text),
    bodyEncoding: text === null ? "base64" : "utf8",
    bodyBytes: response.body.length,
    truncated: response.truncated,
    timings: response.timing,
    redirects: response.redirects.map((r) => ({
      status: r.status,
      url: scrub.text(r.url),
      location: scrub.text(r.location),
    })),
  };
}
