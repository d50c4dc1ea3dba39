import "server-only";
import { sendOutbound, type OutboundRequest, type OutboundResult } from "../outbound";
import { systemClock, type Clock } from "./clock";

/** What resolvers need from the outside world, injectable in tests. */
export type ResolveDeps = {
  clock: Clock;
  send: (request: OutboundRequest) => Promise<OutboundResult>;
  /** Skip the caches (the live test wants a fresh token); the fresh value is still cached. */
  forceRefresh: boolean;
};

export function resolveDeps(partial: Partial<ResolveDeps> = {}): ResolveDeps {
  return { clock: systemClock, send: (request) => sendOutbound(request), forceRefresh: false, ...partial };
}
