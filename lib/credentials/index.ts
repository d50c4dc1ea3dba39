// The credentials domain for app/ and server/. Schemas (client-safe) live in ./schemas.
export {
  assertCredentialInEnvironment,
  createCredential,
  deleteCredential,
  duplicateCredential,
  getCredentialForEdit,
  updateCredential,
  type CredentialForEdit,
} from "./service";
export {
  destinationOf,
  recordCredentialUse,
  runCredentialTest,
  sendWithStoredCredential,
  usedByActor,
  type CredentialSend,
  type UseBy,
} from "./use";
export { applyCredential, type AppliedCredential } from "./apply";
export { testUnsavedCredential } from "./test-unsaved";
export {
  testCredential,
  type CredentialTestResult,
  type TestRequestInput,
  type TokenView,
} from "./test-live";
export { stsDefaultUrl } from "./kinds/aws-signed-request";
export type { RequestView, ResponseView } from "./test-views";
export { generateKeyPair, inspectPrivateKey, type PublicKeyInfo } from "./key-pair";
export { dropCredentialCaches } from "./cache";
export type { CredentialSummary } from "./views";
export type { EditValues } from "./record";
export type { OutgoingRequest, ResolvableCredential } from "./types";
export {
  getJwksState,
  jwksPath,
  publishedJwks,
  rotateKeyPair,
  setJwksPublished,
  type JwksDocument,
  type JwksState,
} from "./jwks";
export {
  credentialListPage,
  credentialsWithExpiringSecrets,
  listCredentials,
  type CredentialPage,
  type ExpiringCredential,
} from "./list";
export {
  emitSecretExpiryNotices,
  secretExpiryStatus,
  setSecretExpiry,
  SECRET_EXPIRY_THRESHOLDS,
  type SecretExpiryStatus,
} from "./secret-expiry";
