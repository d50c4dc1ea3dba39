import { describe, expect, it } from "vitest";
import { currentPublicJwk, previousKeysAt } from "./jwks";
import type { KeyPairConfig } from "./kinds/key-pair";

const now = new Date("2026-12-01T12:00:00Z");
const key = (kid: string, until: string) => ({
  jwk: { kty: "EC", crv: "P-256", x: "x", y: "y", kid },
  until,
});

describe("hosted JWKS", () => {
  it("keeps a previous key only until its overlap ends; a damaged column counts as none", () => {
    const column = JSON.stringify([key("a", "2026-12-01T12:00:01Z"), key("b", "2026-12-01T12:00:00Z")]);
    expect(previousKeysAt(column, now).map((k) => k.jwk.kid)).toEqual(["a"]);
    expect(previousKeysAt(null, now)).toEqual([]);
    expect(previousKeysAt("{not json", now)).toEqual([]);
    expect(previousKeysAt(JSON.stringify([{ jwk: { kid: "no kty" }, until: "x" }]), now)).toEqual([]);
  });

  it("publishes the current key under the kid its JWTs carry: the typed key ID, else the thumbprint", () => {
    const config = {
      keyId: "",
      publicJwk: { kty: "EC", crv: "P-256", x: "x", y: "y", kid: "thumb", alg: "ES256", use: "sig" },
    } as unknown as KeyPairConfig;
    expect(currentPublicJwk(config)).toMatchObject({ kid: "thumb", alg: "ES256", use: "sig" });
    expect(currentPublicJwk({ ...config, keyId: "signing-2026" }).kid).toBe("signing-2026");
  });
});
