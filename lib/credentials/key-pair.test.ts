import { describe, expect, it } from "vitest";
import { generateKeyPairSync } from "node:crypto";
import { importJWK, importSPKI, jwtVerify } from "jose";
import { dropCredentialCaches } from "./cache";
import { fakeClock } from "./clock";
import { KEY_PAIR_ALGORITHMS, type KeyPairAlgorithm, type KeyPairConfig } from "./kinds/key-pair";
import { generateKeyPair, inspectPrivateKey, mintJwt, obtainJwt } from "./key-pair";
import { resolveDeps } from "./resolve-deps";
import type { ResolvableCredential } from "./types";

async function configFor(algorithm: KeyPairAlgorithm, privateKeyPem: string): Promise<KeyPairConfig> {
  const inspected = await inspectPrivateKey(privateKeyPem, algorithm);
  if (!inspected.ok) throw new Error(inspected.message);
  return {
    algorithm,
    issuer: "workbench",
    subject: "svc",
    audience: "https://api.example",
    customClaims: { tenant: "acme" },
    lifetimeSeconds: 600,
    keyId: "",
    publicKeyPem: inspected.info.publicKeyPem,
    publicJwk: inspected.info.publicJwk,
  };
}

describe("key-pair JWTs", () => {
  it.each(KEY_PAIR_ALGORITHMS)(
    "%s: generated key → JWT verifiable with the derived public PEM and JWK",
    async (algorithm) => {
      const pair = generateKeyPair(algorithm);
      const config = await configFor(algorithm, pair.privateKeyPem);
      expect(config.publicKeyPem).toBe(pair.publicKeyPem);
      expect(config.publicJwk).toMatchObject({ alg: algorithm, use: "sig" });
      expect(config.publicJwk).not.toHaveProperty("d");
      const now = Date.now();
      const minted = await mintJwt(config, pair.privateKeyPem, now);
      for (const key of [
        await importSPKI(config.publicKeyPem, algorithm),
        await importJWK(config.publicJwk, algorithm),
      ]) {
        const { payload, protectedHeader } = await jwtVerify(minted.jwt, key, {
          issuer: "workbench",
          audience: "https://api.example",
          subject: "svc",
        });
        expect(payload).toMatchObject({ tenant: "acme", exp: Math.floor(now / 1000) + 600 });
        expect(protectedHeader).toMatchObject({ alg: algorithm, typ: "JWT", kid: config.publicJwk.kid });
      }
    },
  );

  it("accepts PKCS#1 and SEC1 PEMs as well as PKCS#8", async () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 })
      .privateKey.export({ type: "pkcs1", format: "pem" })
      .toString();
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" })
      .privateKey.export({ type: "sec1", format: "pem" })
      .toString();
    expect((await inspectPrivateKey(rsa, "RS256")).ok).toBe(true);
    expect((await inspectPrivateKey(ec, "ES256")).ok).toBe(true);
  });

  it("explains unusable keys without quoting them", async () => {
    const ec = generateKeyPair("ES256").privateKeyPem;
    const cases: [string, KeyPairAlgorithm, RegExp][] = [
      [
        "-----BEGIN PRIVATE KEY-----\nnotbase64\n-----END PRIVATE KEY-----",
        "RS256",
        /not a valid PEM private key/,
      ],
      [ec, "RS256", /RS256 needs an RSA private key, but this is EC/],
      [ec, "ES384", /P-384/],
      [generateKeyPair("RS256").privateKeyPem, "EdDSA", /Ed25519/],
      [
        generateKeyPairSync("rsa", { modulusLength: 1024 })
          .privateKey.export({ type: "pkcs8", format: "pem" })
          .toString(),
        "RS256",
        /1024 bits/,
      ],
      [
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nabc\n-----END ENCRYPTED PRIVATE KEY-----",
        "RS256",
        /passphrase/,
      ],
    ];
    for (const [pem, algorithm, message] of cases) {
      const result = await inspectPrivateKey(pem, algorithm);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(message);
      if (!result.ok) expect(result.message).not.toContain("MII");
    }
  });

  it("caches the JWT for 90 % of its lifetime, then mints a new one", async () => {
    const pair = generateKeyPair("ES256");
    const credential: Extract<ResolvableCredential, { type: "key_pair" }> = {
      id: "cred_kp",
      version: 1,
      name: "KP",
      type: "key_pair",
      config: await configFor("ES256", pair.privateKeyPem),
      secrets: { privateKeyPem: pair.privateKeyPem },
    };
    dropCredentialCaches("cred_kp");
    const clock = fakeClock();
    const deps = resolveDeps({ clock });
    const first = await obtainJwt(credential, deps);
    clock.advance(539_999); // 90 % of 600 s, minus 1 ms
    const second = await obtainJwt(credential, deps);
    expect(second).toEqual({ minted: first.minted, cached: true });
    clock.advance(1);
    const third = await obtainJwt(credential, deps);
    expect(third.cached).toBe(false);
    expect(third.minted.claims.iat).toBe(Math.floor(clock.now() / 1000));
    const edited = await obtainJwt({ ...credential, version: 2 }, deps);
    expect(edited.cached).toBe(false);
  });
});
