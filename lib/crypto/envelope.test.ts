import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import {
  decryptSecret,
  encryptSecret,
  envelopeKeyId,
  SecretDecryptionError,
  type SecretContext,
} from "./envelope";
import { keyIdOf, type Keyring, type MasterKey } from "./master-key";
import {
  decryptSecretMap,
  encryptSecretMap,
  isUnderActiveKey,
  parseSecretColumn,
  reencryptSecretMap,
} from "./secret-map";

function masterKey(): MasterKey {
  const key = randomBytes(32);
  return { kid: keyIdOf(key), key };
}

function ringOf(...keys: MasterKey[]): Keyring {
  return { active: keys[0], keys: new Map(keys.map((k) => [k.kid, k])), source: { kind: "env" } };
}

const context: SecretContext = {
  scope: "credential",
  recordId: "cred_1",
  field: "clientSecret",
  label: "Payments OAuth",
};

function flip(part: string): string {
  const bytes = Buffer.from(part, "base64url");
  bytes[0] ^= 0x01;
  return bytes.toString("base64url");
}

describe("secret envelopes", () => {
  const ring = ringOf(masterKey());

  it("round-trips any text, including empty and non-ASCII", () => {
    for (const value of ["", "s3cr3t", "ключ 🔑", "x".repeat(10_000)]) {
      expect(decryptSecret(encryptSecret(value, context, ring), context, ring)).toBe(value);
    }
  });

  it("uses a fresh nonce per value and names the key id", () => {
    const a = encryptSecret("same", context, ring);
    const b = encryptSecret("same", context, ring);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{22}$/);
    expect(envelopeKeyId(a)).toBe(ring.active.kid);
    expect(a).not.toContain(Buffer.from("same").toString("base64url"));
  });

  it("detects tampering with the nonce, ciphertext or tag", () => {
    const parts = encryptSecret("top secret", context, ring).split(".");
    for (const index of [2, 3, 4]) {
      const tampered = parts.map((part, i) => (i === index ? flip(part) : part)).join(".");
      expect(() => decryptSecret(tampered, context, ring)).toThrow(/failed its integrity check/);
    }
  });

  it("refuses a ciphertext moved to another record or field (associated data)", () => {
    const envelope = encryptSecret("top secret", context, ring);
    expect(() => decryptSecret(envelope, { ...context, recordId: "cred_2" }, ring)).toThrow(
      SecretDecryptionError,
    );
    expect(() => decryptSecret(envelope, { ...context, field: "password" }, ring)).toThrow(
      /copied from another record/,
    );
    expect(() => decryptSecret(envelope, { ...context, scope: "integration" }, ring)).toThrow(
      SecretDecryptionError,
    );
  });

  it("refuses to relabel an envelope to another configured key id", () => {
    const other = masterKey();
    const both = ringOf(ring.active, other);
    const parts = encryptSecret("x", context, both).split(".");
    parts[1] = other.kid;
    expect(() => decryptSecret(parts.join("."), context, both)).toThrow(/integrity check/);
  });

  it("names the missing key instead of returning garbage when the master key is wrong", () => {
    const envelope = encryptSecret("top secret", context, ring);
    const wrong = ringOf(masterKey());
    expect(() => decryptSecret(envelope, context, wrong)).toThrow(
      `cannot decrypt credential Payments OAuth: master key does not match (key id ${ring.active.kid} is not configured; the active key id is ${wrong.active.kid})`,
    );
  });

  it("rejects malformed envelopes with a clear message", () => {
    for (const bad of ["", "plaintext", "v2.a.b.c.d", "v1.a.b.c", "v1.k.!!.c.d"]) {
      expect(() => decryptSecret(bad, context, ring)).toThrow(/not a Workbench envelope/);
    }
    const parts = encryptSecret("x", context, ring).split(".");
    parts[2] = "AAAA";
    expect(() => decryptSecret(parts.join("."), context, ring)).toThrow(/damaged/);
  });

  it("never puts the plaintext into an error message", () => {
    const envelope = encryptSecret("hunter2-secret", context, ring);
    try {
      decryptSecret(flip(envelope), { ...context, recordId: "other" }, ring);
    } catch (error) {
      expect(String(error)).not.toContain("hunter2");
    }
  });
});

describe("secret maps and rotation", () => {
  const record = { scope: "credential" as const, recordId: "cred_9", label: "AWS prod" };

  it("encrypts each field under its own associated data", () => {
    const ring = ringOf(masterKey());
    const map = encryptSecretMap({ a: "1", b: "2" }, record, ring);
    expect(decryptSecretMap(map, record, ring)).toEqual({ a: "1", b: "2" });
    const swapped = { a: map.b, b: map.a };
    expect(() => decryptSecretMap(swapped, record, ring)).toThrow(/integrity check/);
  });

  it("re-encrypts under the new active key, after which the old key can be dropped", () => {
    const oldKey = masterKey();
    const newKey = masterKey();
    const before = encryptSecretMap({ secretAccessKey: "wJalr" }, record, ringOf(oldKey));
    const during = ringOf(newKey, oldKey);
    expect(isUnderActiveKey(before, during)).toBe(false);
    const after = reencryptSecretMap(before, record, record, during);
    expect(isUnderActiveKey(after, during)).toBe(true);
    expect(decryptSecretMap(after, record, ringOf(newKey))).toEqual({ secretAccessKey: "wJalr" });
    expect(() => decryptSecretMap(before, record, ringOf(newKey))).toThrow(/master key does not match/);
  });

  it("re-encrypts for another record id when duplicating", () => {
    const ring = ringOf(masterKey());
    const copy = { ...record, recordId: "cred_10" };
    const original = encryptSecretMap({ password: "pw" }, record, ring);
    const duplicated = reencryptSecretMap(original, record, copy, ring);
    expect(decryptSecretMap(duplicated, copy, ring)).toEqual({ password: "pw" });
    expect(() => decryptSecretMap(original, copy, ring)).toThrow(SecretDecryptionError);
  });

  it("reports a damaged secrets column", () => {
    for (const bad of ["nope", "[]", '{"a":1}', "null"]) {
      expect(() => parseSecretColumn(bad, record)).toThrow(/secrets column is damaged/);
    }
    expect(parseSecretColumn('{"a":"v1.x"}', record)).toEqual({ a: "v1.x" });
  });
});
