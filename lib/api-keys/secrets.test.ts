import { describe, expect, it } from "vitest";
import {
  CLIENT_ID_PREFIX,
  CLIENT_SECRET_PREFIX,
  generateClientId,
  generateClientSecret,
  hashSecret,
  looksLikeClientId,
  looksLikeSecret,
  secretHint,
  secretDigest,
  secretMatches,
} from "./secrets";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

describe("client IDs and secrets", () => {
  it("carry a recognisable prefix, base62 randomness and a valid checksum", () => {
    const secret = generateClientSecret();
    const clientId = generateClientId();
    expect(secret).toMatch(/^wbsk_[0-9A-Za-z]{28}$/);
    expect(clientId).toMatch(/^wbci_[0-9A-Za-z]{18}$/);
    expect(secret.startsWith(CLIENT_SECRET_PREFIX) && clientId.startsWith(CLIENT_ID_PREFIX)).toBe(true);
    expect(looksLikeSecret(secret)).toBe(true);
    expect(looksLikeClientId(clientId)).toBe(true);
    // The two kinds are not interchangeable.
    expect(looksLikeSecret(clientId)).toBe(false);
    expect(looksLikeClientId(secret)).toBe(false);
  });

  it("fit the documented script's `base64` on one line (≤ 76 characters, no wrap inside the header)", () => {
    for (let i = 0; i < 50; i++) {
      const encoded = Buffer.from(`${generateClientId()}:${generateClientSecret()}`).toString("base64");
      expect(encoded.length).toBeLessThanOrEqual(76);
    }
  });

  it("are unique across many draws", () => {
    const seen = new Set(Array.from({ length: 2000 }, () => generateClientSecret()));
    expect(seen.size).toBe(2000);
  });

  it("detect every single-character change through the checksum", () => {
    for (let i = 0; i < 300; i++) {
      const secret = generateClientSecret();
      const at =
        CLIENT_SECRET_PREFIX.length +
        Math.floor(Math.random() * (secret.length - CLIENT_SECRET_PREFIX.length));
      const replacement = BASE62[(BASE62.indexOf(secret[at]) + 1 + Math.floor(Math.random() * 61)) % 62];
      const mutated = secret.slice(0, at) + replacement + secret.slice(at + 1);
      expect(mutated).not.toBe(secret);
      expect(looksLikeSecret(mutated)).toBe(false);
    }
  });

  it("refuse wrong shapes", () => {
    const secret = generateClientSecret();
    for (const bad of [
      undefined,
      null,
      42,
      "",
      secret.slice(0, -1),
      `${secret}x`,
      secret.replace("wbsk_", "wbsx_"),
      secret.replace(/.$/, "-"),
    ]) {
      expect(looksLikeSecret(bad)).toBe(false);
    }
  });

  it("are stored as SHA-256 and compared in constant time", () => {
    const secret = generateClientSecret();
    const hash = hashSecret(secret);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(secret);
    expect(secretMatches(secret, secretDigest(hash))).toBe(true);
    expect(secretMatches(generateClientSecret(), secretDigest(hash))).toBe(false);
    expect(secretMatches(secret, secretDigest(null))).toBe(false);
    expect(secretDigest("abc")).toBeNull();
    expect(secretMatches(secret, secretDigest(hash.toUpperCase()))).toBe(true); // hex in either case
  });

  it("hint at the secret with its last four characters", () => {
    const secret = generateClientSecret();
    expect(secretHint(secret)).toBe(secret.slice(-4));
    expect(secretHint(secret)).toHaveLength(4);
  });
});
