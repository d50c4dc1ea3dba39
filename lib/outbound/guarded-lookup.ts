import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import {
  CONFINE_ENV,
  checkAddress,
  confinedToLoopback,
  isHostAllowlisted,
  type OutboundAllowlist,
} from "./allowlist";
import { AddressRefusedError } from "./outbound-errors";

/** Resolves a host name to every address (injectable so tests never touch real DNS). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => {
    if (confinedToLoopback() && hostname.toLowerCase() !== "localhost") {
      const error: NodeJS.ErrnoException = new Error(
        `getaddrinfo ENOTFOUND ${hostname} (not looked up: ${CONFINE_ENV}=1)`,
      );
      error.code = "ENOTFOUND";
      reject(error);
      return;
    }
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    );
  });

/** Refuses if any resolved address is internal: a mixed answer is how DNS rebinding starts. */
export function assertResolvedAllowed(
  hostname: string,
  addresses: LookupAddress[],
  allowlist: OutboundAllowlist,
): void {
  if (isHostAllowlisted(hostname, allowlist)) return;
  for (const { address } of addresses) {
    const verdict = checkAddress(address, allowlist);
    if (!verdict.allowed) throw new AddressRefusedError(hostname, address, verdict.reason);
  }
}

/**
 * The `lookup` given to node:http(s): the addresses it checks are exactly the ones the socket
 * connects to, so a second, different DNS answer cannot slip in between check and connect.
 */
export function guardedLookup(
  resolver: Resolver,
  allowlist: OutboundAllowlist,
  onResolved: (address: string) => void,
): LookupFunction {
  return (hostname, options, callback) => {
    resolver(hostname)
      .then((all) => {
        const wanted =
          options.family === 4 || options.family === 6 ? all.filter((a) => a.family === options.family) : all;
        if (wanted.length === 0) {
          const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
          error.code = "ENOTFOUND";
          throw error;
        }
        assertResolvedAllowed(hostname, wanted, allowlist);
        onResolved(wanted[0].address);
        if (options.all) callback(null, wanted);
        else callback(null, wanted[0].address, wanted[0].family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, "", 0));
  };
}
