export {
  decryptSecret,
  encryptSecret,
  envelopeKeyId,
  SecretDecryptionError,
  type SecretContext,
} from "./envelope";
export {
  generateMasterKey,
  keyFilePath,
  keyring,
  loadKeyring,
  MasterKeyError,
  parseMasterKey,
  resetKeyring,
  type Keyring,
  type MasterKey,
} from "./master-key";
export {
  decryptSecretMap,
  encryptSecretMap,
  parseSecretColumn,
  reencryptSecretMap,
  type RecordRef,
  type SecretEnvelopes,
} from "./secret-map";
export { rotateMasterKey, type RotationReport } from "./rotate-master";
export { sharedSecret } from "./shared-secret";
