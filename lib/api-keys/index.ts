// The API keys domain: console services (create/list/get/update/rotate/revoke/delete, usage)
// and the token/auth hot path used by server/api. Client components import only ./schemas
// and ../permissions/registry, never this file (it is server-only).
export {
  createApiKey,
  updateApiKey,
  rotateApiKey,
  revokeApiKey,
  deleteApiKey,
  enforceObservedAddresses,
  type ApiKeyWithSecret,
} from "./service";
export { endSilentGraces, type GraceEnd } from "./grace";
export { flushTraffic, type ObservedAddress } from "./traffic";
export { listApiKeys, type ApiKeyPage } from "./list";
export {
  getApiKey,
  getUsage,
  getRefusals,
  getObservedAddresses,
  findOwnedKey,
  API_KEY_NOT_FOUND,
  statusOf,
  type ApiKeyView,
} from "./views";
export { flushRefusals, type RefusalView } from "./refusals";
export {
  accessName,
  flushPermissionUse,
  getLeastPrivilege,
  leastPrivilegeOf,
  recordPermissionUse,
  OBSERVATION_WINDOW_DAYS,
  type LeastPrivilege,
  type ObservedPermission,
} from "./permission-use";
export { flushUsage, pendingUsage, recordUsage, type UsageHour, type UsageCounter } from "./usage";
export { invalidateKeyStates, stopKeyStatePoller, type KeyState } from "./key-state";
export * from "./authenticate";
export {
  createRateLimiter,
  memoryRateLimitStore,
  type RateLimiter,
  type RateLimitRule,
  type RateDecision,
  type RateLimitStore,
} from "./rate-limit";
export { databaseRateLimitStore } from "./rate-limit-store";
export { looksLikeSecret, looksLikeClientId } from "./secrets";
