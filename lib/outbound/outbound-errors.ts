import { ALLOWLIST_ENV } from "./allowlist";
import type { OutboundTarget } from "./outbound-url";

export type OutboundErrorKind =
  | "invalid_url"
  | "blocked"
  | "dns"
  | "refused"
  | "timeout"
  | "tls"
  | "too_many_redirects"
  | "network"
  | "config"
  | "destination"
  /** The request itself cannot be written (e.g. a header value HTTP cannot carry). */
  | "invalid_request";

export type OutboundProblem = { kind: OutboundErrorKind; message: string };

/** Raised inside the connection when the address guard refuses; mapped to a `blocked` value. */
export class AddressRefusedError extends Error {
  readonly code = "EWB_ADDRESS_REFUSED";
  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly reason: string,
  ) {
    super(`address ${address} refused: ${reason}`);
    this.name = "AddressRefusedError";
  }
}

export class OutboundTimeoutError extends Error {
  readonly code = "EWB_TIMEOUT";
  constructor(
    readonly phase: "connect" | "response",
    readonly seconds: number,
  ) {
    super(`timed out (${phase})`);
    this.name = "OutboundTimeoutError";
  }
}

export function blockedMessage(hostname: string, address: string, reason: string): string {
  const where = hostname === address ? address : `${hostname} (${address})`;
  return (
    `Refused by the address guard: ${where} is a ${reason} address. Requests may only go to public ` +
    `addresses unless an operator allows this destination with ${ALLOWLIST_ENV}.`
  );
}

function hostLabel(target: OutboundTarget): string {
  return target.port === (target.secure ? 443 : 80) ? target.hostname : `${target.hostname}:${target.port}`;
}

const TLS_REASONS: Record<string, string> = {
  CERT_HAS_EXPIRED: "its certificate has expired",
  CERT_NOT_YET_VALID: "its certificate is not valid yet",
  DEPTH_ZERO_SELF_SIGNED_CERT: "its certificate is self-signed and not trusted",
  SELF_SIGNED_CERT_IN_CHAIN: "its certificate chain ends in an untrusted self-signed certificate",
  ERR_TLS_CERT_ALTNAME_INVALID: "its certificate is not valid for this host name",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "its certificate chain could not be verified",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "its certificate was issued by an unknown authority",
};

function isTlsCode(code: string): boolean {
  return /^(ERR_TLS_|ERR_SSL_|ERR_OSSL_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH)/.test(
    code,
  );
}

function tlsReason(code: string, message: string): string {
  if (TLS_REASONS[code]) return TLS_REASONS[code];
  if (/wrong version number|packet length too long/i.test(message))
    return "the server did not answer with TLS (is it plain http?)";
  return message.replace(/\s+/g, " ").slice(0, 200);
}

/** Turns whatever node:http raised into a plain-words, typed problem (never a thrown error). */
export function describeNetworkError(error: unknown, target: OutboundTarget): OutboundProblem {
  const host = hostLabel(target);
  if (error instanceof AddressRefusedError)
    return { kind: "blocked", message: blockedMessage(error.hostname, error.address, error.reason) };
  if (error instanceof OutboundTimeoutError) {
    const phase = error.phase === "connect" ? "while connecting" : "while waiting for the response";
    return {
      kind: "timeout",
      message: `${host} did not answer within ${error.seconds} s (timed out ${phase}).`,
    };
  }
  const code = String((error as NodeJS.ErrnoException | null)?.code ?? "");
  const message = error instanceof Error ? error.message : String(error);
  if (["ENOTFOUND", "EAI_NONAME", "EAI_FAIL", "ENODATA"].includes(code)) {
    return {
      kind: "dns",
      message: `The name ${target.hostname} could not be resolved (DNS lookup failed: no such host).`,
    };
  }
  if (code === "EAI_AGAIN")
    return {
      kind: "dns",
      message: `The name ${target.hostname} could not be resolved: the DNS server did not answer.`,
    };
  if (code === "ECONNREFUSED")
    return { kind: "refused", message: `The connection to ${host} was refused; nothing is listening there.` };
  if (code === "ETIMEDOUT") return { kind: "timeout", message: `The connection to ${host} timed out.` };
  if (isTlsCode(code) || (code === "EPROTO" && /ssl|tls/i.test(message))) {
    return {
      kind: "tls",
      message: `The TLS (https) connection to ${host} failed: ${tlsReason(code, message)}.`,
    };
  }
  if (code === "ECONNRESET" || code === "EPIPE") {
    return { kind: "network", message: `${host} closed the connection before sending a complete response.` };
  }
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH")
    return { kind: "network", message: `${host} cannot be reached from this server (no route).` };
  if (code.startsWith("HPE_"))
    return { kind: "network", message: `${host} sent a response that is not valid HTTP.` };
  return { kind: "network", message: `The request to ${host} failed: ${message.slice(0, 200)}` };
}
