import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ACCESS_TOKEN_PREFIX, signToken, verifyToken, type TokenClaims } from "./tokens";

const key = randomBytes(32);
const now = Date.UTC(2026, 10, 25, 12);
const claims: TokenClaims = {
  type: "access",
  keyId: "key_1",
  generation: 3,
  expiresAt: now / 1000 + 3600,
  scope: ["cards:read"],
};

describe("signed tokens", () => {
  it("round-trip their claims", () => {
    const token = signToken(key, claims);
    expect(token.startsWith(ACCESS_TOKEN_PREFIX)).toBe(true);
    expect(verifyToken(key, token, "access", now)).toEqual({ ok: true, claims });
  });

  it("accept only the exact spelling of their signature", () => {
    const token = signToken(key, claims);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    // The last character of a 32-byte signature carries 4 bits: its neighbour in the alphabet
    // decodes to the same bytes, and so does the signature with junk appended.
    const last = alphabet.indexOf(token.at(-1)!);
    const sameBytes = token.slice(0, -1) + alphabet[last ^ 1];
    expect(Buffer.from(sameBytes.split(".")[1], "base64url")).toEqual(
      Buffer.from(token.split(".")[1], "base64url"),
    );
    for (const altered of [sameBytes, `${token}!`, `${token}==`])
      expect(verifyToken(key, altered, "access", now), altered.slice(-4)).toEqual({
        ok: false,
        reason: "malformed",
      });
  });

  it("once verified, still expire on time, stay tied to their signing key and type", () => {
    const token = signToken(key, claims);
    expect(verifyToken(key, token, "access", now)).toEqual({ ok: true, claims });
    // The second check is answered from memory: the same answer.
    expect(verifyToken(key, token, "access", now)).toEqual({ ok: true, claims });
    expect(verifyToken(key, token, "access", claims.expiresAt * 1000)).toEqual({
      ok: false,
      reason: "expired",
      claims,
    });
    expect(verifyToken(randomBytes(32), token, "access", now)).toEqual({ ok: false, reason: "malformed" });
    expect(verifyToken(key, token, "refresh", now)).toEqual({ ok: false, reason: "malformed" });
  });

  it("are unique even with equal claims", () => {
    expect(signToken(key, claims)).not.toBe(signToken(key, claims));
  });

  it("are refused when any character is changed", () => {
    const token = signToken(key, claims);
    for (let i = ACCESS_TOKEN_PREFIX.length; i < token.length; i++) {
      if (token[i] === ".") continue;
      const changed = token.slice(0, i) + (token[i] === "A" ? "B" : "A") + token.slice(i + 1);
      const result = verifyToken(key, changed, "access", now);
      // Base64url's last character can carry unused bits; the MAC must still hold.
      if (result.ok)
        expect(Buffer.from(changed.split(".")[1], "base64url")).toEqual(
          Buffer.from(token.split(".")[1], "base64url"),
        );
      else expect(result.reason).toBe("malformed");
    }
  });

  it("are refused under another signing key, as another type, or too long", () => {
    const token = signToken(key, claims);
    expect(verifyToken(randomBytes(32), token, "access", now)).toEqual({ ok: false, reason: "malformed" });
    expect(verifyToken(key, token, "refresh", now)).toEqual({ ok: false, reason: "malformed" });
    const refresh = signToken(key, { ...claims, type: "refresh" });
    expect(verifyToken(key, refresh, "access", now)).toEqual({ ok: false, reason: "malformed" });
    expect(verifyToken(key, refresh, "refresh", now).ok).toBe(true);
    expect(verifyToken(key, `${token}${"A".repeat(3000)}`, "access", now).ok).toBe(false);
    for (const junk of ["", "wbat_", "wbat_.", "Bearer x", "wbat_abc.def", "wbat_..."]) {
      expect(verifyToken(key, junk, "access", now)).toEqual({ ok: false, reason: "malformed" });
    }
  });

  it("expire at their expiry second, after the signature is checked", () => {
    const token = signToken(key, claims);
    expect(verifyToken(key, token, "access", claims.expiresAt * 1000 - 1).ok).toBe(true);
    const expired = verifyToken(key, token, "access", claims.expiresAt * 1000);
    expect(expired).toEqual({ ok: false, reason: "expired", claims });
  });
});
