import "server-only";
import http from "node:http";
import https from "node:https";
import type { Duplex } from "node:stream";
import type { Socket } from "node:net";
import {
  allowlistFromEnv,
  checkAddress,
  isHostAllowlisted,
  type OutboundAllowlist,
} from "../outbound/allowlist";
import { guardedLookup, systemResolver, type Resolver } from "../outbound/guarded-lookup";
import { AddressRefusedError } from "../outbound/outbound-errors";

type Guard = { allowlist: OutboundAllowlist; resolver: Resolver };

/** Belt and braces: the address a socket really connected to passes the guard too. */
function checkConnected(socket: Duplex, host: string, guard: Guard): void {
  (socket as Socket).once("connect", () => {
    const address = (socket as Socket).remoteAddress;
    if (!address || isHostAllowlisted(host, guard.allowlist)) return;
    const verdict = checkAddress(address, guard.allowlist);
    if (!verdict.allowed) socket.destroy(new AddressRefusedError(host, address, verdict.reason));
  });
}

class GuardedHttpAgent extends http.Agent {
  constructor(private readonly guard: Guard) {
    super({
      keepAlive: false,
      lookup: guardedLookup(guard.resolver, guard.allowlist, () => undefined),
    } as http.AgentOptions);
  }
  override createConnection(
    options: http.ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    if (socket) checkConnected(socket, options.host ?? options.hostname ?? "", this.guard);
    return socket;
  }
}

class GuardedHttpsAgent extends https.Agent {
  constructor(private readonly guard: Guard) {
    super({ keepAlive: false, lookup: guardedLookup(guard.resolver, guard.allowlist, () => undefined) });
  }
  override createConnection(
    options: https.RequestOptions,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    if (socket) checkConnected(socket, options.host ?? options.hostname ?? "", this.guard);
    return socket;
  }
}

/**
 * http(s) agents for the AWS SDK whose every connection goes through lib/outbound's address
 * guard: the guarded DNS lookup, plus a check of the connected peer. IP-literal endpoints skip
 * DNS, so callers check those first (see `literalEndpointRefusal`).
 */
export function guardedAgents(guard: Partial<Guard> = {}): {
  httpAgent: http.Agent;
  httpsAgent: https.Agent;
} {
  const full: Guard = {
    allowlist: guard.allowlist ?? allowlistFromEnv(),
    resolver: guard.resolver ?? systemResolver,
  };
  return { httpAgent: new GuardedHttpAgent(full), httpsAgent: new GuardedHttpsAgent(full) };
}
