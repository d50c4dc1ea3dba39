import "server-only";
import { sharedSecret } from "../crypto/shared-secret";
import { processSingleton } from "../db";

// The HMAC key that signs access and refresh tokens. Generated once and kept in the Setting
// table so every instance behind a load balancer accepts every other instance's tokens.
const SETTING_KEY = "api.token_signing_key";

type SigningKeyState = { promise: Promise<Buffer> | null; key: Buffer | null };

function state(): SigningKeyState {
  return processSingleton<SigningKeyState>("api-keys.signing-key", () => ({ promise: null, key: null }));
}

async function loadOrCreate(s: SigningKeyState): Promise<Buffer> {
  s.key = Buffer.from(await sharedSecret(SETTING_KEY), "base64url");
  return s.key;
}

/** The key once loaded, without waiting (the token endpoint's fast path), else null. */
export function loadedTokenSigningKey(): Buffer | null {
  return state().key;
}

export function tokenSigningKey(): Promise<Buffer> {
  const s = state();
  if (!s.promise) {
    s.promise = loadOrCreate(s).catch((error: unknown) => {
      s.promise = null; // retry on the next request rather than caching the failure
      throw error;
    });
  }
  return s.promise;
}
