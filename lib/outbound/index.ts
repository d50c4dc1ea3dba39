export { classifyAddress, parseStrictIp, type AddressVerdict } from "./address-guard";
export {
  ALLOWLIST_ENV,
  allowlistFromEnv,
  checkAddress,
  parseAllowlist,
  type OutboundAllowlist,
} from "./allowlist";
export {
  OUTBOUND_DEFAULTS,
  sendOutbound,
  type OutboundError,
  type OutboundOptions,
  type OutboundRedirect,
  type OutboundRequest,
  type OutboundResponse,
  type OutboundResult,
  type OutboundTiming,
} from "./client";
export type { Resolver } from "./guarded-lookup";
export type { OutboundErrorKind } from "./outbound-errors";
export { parseOutboundUrl, type OutboundTarget } from "./outbound-url";
