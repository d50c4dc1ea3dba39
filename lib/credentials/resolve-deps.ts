import "server-only";
import { sendOutbound, type OutboundOptions, type OutboundRequest, type OutboundResult } from "../outbound";
import { systemClock, type Clock } from "./clock";
import type { Admit } from "./destinations";

/** What a resolver (or the guard) asks of the sender for one request. */
export type SendOptions = Pick<OutboundOptions, "followRedirects" | "admit" | "totalTimeoutMs"> & {
  sensitiveHeaders?: string[];
};

/** What resolvers need from the outside world, injectable in tests. */
export type ResolveDeps = {
  clock: Clock;
  send: (request: OutboundRequest, options?: SendOptions) => Promise<OutboundResult>;
  /** Skip the caches (the live test wants a fresh token); the fresh value is still cached. */
  forceRefresh: boolean;
  /** Where the credential may be sent; every use of a stored credential sets it (see `guardedDeps`). */
  admit?: Admit;
};

export function resolveDeps(partial: Partial<ResolveDeps> = {}): ResolveDeps {
  return {
    clock: systemClock,
    send: (request, options) => sendOutbound(request, options),
    forceRefresh: false,
    ...partial,
  };
}

/**
 * Deps whose every request (the OAuth token request included) is checked against the
 * credential's allowed destinations before any connection, sent with the check applied to each
 * redirect, and with the credential's headers and body dropped on a cross-origin redirect.
 */
export function guardedDeps(
  partial: Partial<ResolveDeps>,
  guard: { admit: Admit; sensitiveHeaders: string[] },
): ResolveDeps {
  const base = resolveDeps(partial);
  return {
    ...base,
    admit: guard.admit,
    async send(request, options) {
      const verdict = guard.admit(request.url);
      if (!verdict.allowed)
        return {
          ok: false,
          error: {
            kind: "destination",
            message: verdict.message,
            url: request.url,
            timing: null,
            redirects: [],
          },
        };
      return base.send(request, { ...options, admit: guard.admit, sensitiveHeaders: guard.sensitiveHeaders });
    },
  };
}
