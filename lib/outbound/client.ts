import "server-only";
import http from "node:http";
import https from "node:https";
import type { Socket } from "node:net";
import { allowlistFromEnv, checkAddress, isHostAllowlisted, type OutboundAllowlist } from "./allowlist";
import { guardedLookup, systemResolver, type Resolver } from "./guarded-lookup";
import {
  AddressRefusedError,
  blockedMessage,
  describeNetworkError,
  OutboundTimeoutError,
  type OutboundProblem,
} from "./outbound-errors";
import type { DestinationVerdict } from "./destinations";
import { parseOutboundUrl, type OutboundTarget } from "./outbound-url";

export type OutboundRequest = {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
};

export type OutboundOptions = {
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
  maxResponseBytes?: number;
  maxRedirects?: number;
  followRedirects?: boolean;
  allowlist?: OutboundAllowlist;
  resolver?: Resolver;
  /** Extra trusted CAs (tests with a local https peer). */
  ca?: string | Buffer;
  /**
   * Set when the request carries a saved credential: where it may go. Checked before the first
   * connection and before following each redirect; a redirect outside is not followed.
   */
  admit?: (url: URL) => DestinationVerdict;
};

/** Milliseconds from the start of the (last) hop; null when the phase did not happen. */
export type OutboundTiming = {
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  firstByteMs: number | null;
  totalMs: number;
};
export type OutboundRedirect = { url: string; status: number; location: string };

export type OutboundResponse = {
  url: string;
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: Buffer;
  /** The body was longer than maxResponseBytes and was cut there. */
  truncated: boolean;
  remoteAddress: string | null;
  timing: OutboundTiming;
  redirects: OutboundRedirect[];
};

export type OutboundError = OutboundProblem & {
  url: string;
  timing: OutboundTiming | null;
  redirects: OutboundRedirect[];
};
export type OutboundResult = { ok: true; response: OutboundResponse } | { ok: false; error: OutboundError };

export const OUTBOUND_DEFAULTS = {
  connectTimeoutMs: 5_000,
  totalTimeoutMs: 15_000,
  maxResponseBytes: 1024 * 1024,
  maxRedirects: 5,
} as const;

type HopSettings = Required<Pick<OutboundOptions, "connectTimeoutMs" | "maxResponseBytes">> & {
  allowlist: OutboundAllowlist;
  resolver: Resolver;
  deadline: number;
  ca?: string | Buffer;
};

type HopOk = Omit<OutboundResponse, "url" | "redirects">;
type HopResult = { ok: true; hop: HopOk } | { ok: false; problem: OutboundProblem; timing: OutboundTiming };

const since = (start: number) => Math.round((performance.now() - start) * 10) / 10;

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  return out;
}

/** Reads a response body up to the cap; a longer body is cut there and the socket closed. */
function readCapped(
  res: http.IncomingMessage,
  maxBytes: number,
  done: (body: Buffer, truncated: boolean) => void,
  fail: (error: unknown) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  res.on("data", (chunk: Buffer) => {
    const room = maxBytes - size;
    chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
    size += Math.min(chunk.length, room);
    if (chunk.length > room) {
      done(Buffer.concat(chunks), true);
      res.destroy();
    }
  });
  res.on("end", () => done(Buffer.concat(chunks), false));
  res.on("error", fail);
}

/** Times the connection phases and re-checks the address the socket actually connected to. */
function watchSocket(
  req: http.ClientRequest,
  target: OutboundTarget,
  settings: HopSettings,
  timing: OutboundTiming,
  start: number,
  onConnect: (address: string | null) => void,
): void {
  req.on("socket", (socket: Socket) => {
    socket.once("connect", () => {
      timing.connectMs = since(start);
      const address = socket.remoteAddress ?? null;
      onConnect(address);
      // Belt and braces: whatever path led here, the peer actually connected to is checked.
      if (!address || isHostAllowlisted(target.hostname, settings.allowlist)) return;
      const verdict = checkAddress(address, settings.allowlist);
      if (!verdict.allowed) req.destroy(new AddressRefusedError(target.hostname, address, verdict.reason));
    });
    socket.once("secureConnect", () => (timing.tlsMs = since(start)));
  });
}

/** One request/response exchange on a fresh, guarded connection. */
function sendHop(
  target: OutboundTarget,
  request: OutboundRequest,
  settings: HopSettings,
): Promise<HopResult> {
  return new Promise((resolve) => {
    const start = performance.now();
    const timing: OutboundTiming = {
      dnsMs: null,
      connectMs: null,
      tlsMs: null,
      firstByteMs: null,
      totalMs: 0,
    };
    let settled = false;
    let remoteAddress: string | null = null;
    const finish = (result: HopResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(totalTimer);
      timing.totalMs = since(start);
      resolve(result);
    };
    const fail = (error: unknown) =>
      finish({ ok: false, problem: describeNetworkError(error, target), timing });
    let req: http.ClientRequest;
    try {
      req = (target.secure ? https : http).request({
        method: request.method,
        hostname: target.hostname,
        port: target.port,
        path: `${target.url.pathname}${target.url.search}`,
        headers: request.headers,
        agent: false,
        lookup: guardedLookup(settings.resolver, settings.allowlist, () => (timing.dnsMs = since(start))),
        ...(settings.ca ? { ca: settings.ca } : {}),
      });
    } catch (error) {
      // Node refuses to write some requests at all (a header value outside Latin-1, say): say so
      // before anything is sent, never throw.
      timing.totalMs = since(start);
      const reason = error instanceof Error && "code" in error ? String(error.code) : "invalid request";
      resolve({
        ok: false,
        problem: { kind: "invalid_request", message: `The request cannot be sent as HTTP (${reason}).` },
        timing,
      });
      return;
    }
    const connectTimer = setTimeout(
      () => req.destroy(new OutboundTimeoutError("connect", settings.connectTimeoutMs / 1000)),
      settings.connectTimeoutMs,
    );
    const remaining = Math.max(1, settings.deadline - Date.now());
    const totalTimer = setTimeout(
      () => req.destroy(new OutboundTimeoutError("response", Math.round(remaining / 100) / 10)),
      remaining,
    );
    watchSocket(req, target, settings, timing, start, (address) => {
      clearTimeout(connectTimer);
      remoteAddress = address;
    });
    req.on("error", fail);
    req.on("response", (res) => {
      timing.firstByteMs = since(start);
      const headers = {
        status: res.statusCode ?? 0,
        statusText: res.statusMessage ?? "",
        headers: flattenHeaders(res.headers),
      };
      readCapped(
        res,
        settings.maxResponseBytes,
        (body, truncated) =>
          finish({ ok: true, hop: { ...headers, body, truncated, remoteAddress, timing } }),
        fail,
      );
    });
    req.end(request.body);
  });
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Never carried to another origin: a redirect must not hand the credential to a third party.
const CROSS_ORIGIN_DROPPED = ["authorization", "proxy-authorization", "cookie", "x-amz-security-token"];

/**
 * The request to send after a redirect, following what browsers do, except that a request
 * carrying a credential (`sensitive` given) never takes its body to another origin.
 */
export function redirectRequest(
  request: OutboundRequest,
  status: number,
  from: URL,
  to: URL,
  sensitive?: string[],
): OutboundRequest {
  const crossOrigin = from.origin !== to.origin;
  const toGet =
    status === 303 ||
    ((status === 301 || status === 302) && request.method.toUpperCase() === "POST") ||
    (crossOrigin && sensitive !== undefined);
  const dropped = new Set(["host", ...(toGet ? ["content-type", "content-length"] : [])]);
  if (crossOrigin)
    for (const name of [...CROSS_ORIGIN_DROPPED, ...(sensitive ?? [])]) dropped.add(name.toLowerCase());
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).filter(([name]) => !dropped.has(name.toLowerCase())),
  );
  return {
    method: toGet && request.method.toUpperCase() !== "HEAD" ? "GET" : request.method,
    url: to.href,
    headers,
    body: toGet ? undefined : request.body,
  };
}

function failure(
  problem: OutboundProblem,
  url: string,
  timing: OutboundTiming | null,
  redirects: OutboundRedirect[],
): OutboundResult {
  return { ok: false, error: { ...problem, url, timing, redirects } };
}

function checkTarget(target: OutboundTarget, allowlist: OutboundAllowlist): OutboundProblem | null {
  if (!target.ipLiteral || isHostAllowlisted(target.hostname, allowlist)) return null;
  // An IP literal never goes through `lookup`, so it is checked here before connecting.
  const verdict = checkAddress(target.ipLiteral, allowlist);
  return verdict.allowed
    ? null
    : { kind: "blocked", message: blockedMessage(target.ipLiteral, target.ipLiteral, verdict.reason) };
}

/**
 * The one way the product sends a request to another system: http(s) only, internal
 * addresses refused (literal, resolved, connected, and after each redirect), bounded in
 * time and size. Never throws: every failure is an `OutboundError` in plain words.
 */
export async function sendOutbound(
  request: OutboundRequest,
  options: OutboundOptions & { sensitiveHeaders?: string[] } = {},
): Promise<OutboundResult> {
  let allowlist: OutboundAllowlist;
  try {
    allowlist = options.allowlist ?? allowlistFromEnv();
  } catch (error) {
    return failure({ kind: "config", message: (error as Error).message }, request.url, null, []);
  }
  const settings: HopSettings = {
    connectTimeoutMs: options.connectTimeoutMs ?? OUTBOUND_DEFAULTS.connectTimeoutMs,
    maxResponseBytes: options.maxResponseBytes ?? OUTBOUND_DEFAULTS.maxResponseBytes,
    allowlist,
    resolver: options.resolver ?? systemResolver,
    deadline: Date.now() + (options.totalTimeoutMs ?? OUTBOUND_DEFAULTS.totalTimeoutMs),
    ca: options.ca,
  };
  const maxRedirects =
    options.followRedirects === false ? 0 : (options.maxRedirects ?? OUTBOUND_DEFAULTS.maxRedirects);
  const redirects: OutboundRedirect[] = [];
  let current: OutboundRequest = request;
  for (;;) {
    const parsed = parseOutboundUrl(current.url);
    if (!parsed.ok)
      return failure({ kind: "invalid_url", message: parsed.message }, current.url, null, redirects);
    const { target } = parsed;
    const outside = options.admit?.(target.url);
    if (outside && !outside.allowed) {
      const message = redirects.length
        ? `The server redirected to ${target.url.href.slice(0, 200)}, outside the credential's allowed destinations; the redirect was not followed. ${outside.message}`
        : outside.message;
      return failure({ kind: "destination", message }, target.url.href, null, redirects);
    }
    const refused = checkTarget(target, allowlist);
    if (refused) return failure(refused, target.url.href, null, redirects);
    const result = await sendHop(target, current, settings);
    if (!result.ok) return failure(result.problem, target.url.href, result.timing, redirects);
    const { hop } = result;
    const location = hop.headers.location;
    if (options.followRedirects === false || !REDIRECT_STATUSES.has(hop.status) || !location) {
      return { ok: true, response: { ...hop, url: target.url.href, redirects } };
    }
    let next: URL;
    try {
      next = new URL(location, target.url);
    } catch {
      return failure(
        {
          kind: "invalid_url",
          message: `The server redirected to an invalid URL ("${location.slice(0, 200)}").`,
        },
        target.url.href,
        hop.timing,
        redirects,
      );
    }
    if (redirects.length >= maxRedirects) {
      const message = `Too many redirects: stopped after ${maxRedirects} (the next one pointed to ${next.href.slice(0, 200)}).`;
      return failure({ kind: "too_many_redirects", message }, target.url.href, hop.timing, redirects);
    }
    redirects.push({ url: target.url.href, status: hop.status, location: next.href });
    current = redirectRequest(current, hop.status, target.url, next, options.sensitiveHeaders);
  }
}
