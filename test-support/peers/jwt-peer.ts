import { createRemoteJWKSet, importJWK, importSPKI, jwtVerify, type JWK } from "jose";
import { listenOnLoopback, sendJson, type Peer } from "./listen";

/**
 * The verifying key as the console shows it: SPKI PEM or JWK (with `alg`), or the URL of a hosted
 * JWKS that the peer fetches itself (jose's createRemoteJWKSet: cached, fetched again for an
 * unknown `kid` at most once per `cooldownMs`).
 */
export type JwtPublicKey =
  { pem: string; algorithm: string } | { jwk: JWK } | { jwksUrl: string; cooldownMs?: number };

export type JwtPeerOptions = {
  /** Left out: the peer refuses every token until `trust` gives it the key. */
  publicKey?: JwtPublicKey;
  issuer?: string;
  audience?: string;
};

export type JwtPeer = Peer & {
  /** Sets the verifying key (e.g. copied from the credential's page after the peer's URL was saved). */
  trust(publicKey: JwtPublicKey): Promise<void>;
};

type Verifier = Parameters<typeof jwtVerify>[1];

async function importKey(publicKey: JwtPublicKey): Promise<Verifier> {
  if ("jwksUrl" in publicKey)
    return createRemoteJWKSet(new URL(publicKey.jwksUrl), {
      cooldownDuration: publicKey.cooldownMs ?? 30_000,
      headers: { "User-Agent": "jwt-peer/1.0" },
    }) as Verifier;
  return "pem" in publicKey ? importSPKI(publicKey.pem, publicKey.algorithm) : importJWK(publicKey.jwk);
}

/** An API that accepts only `Authorization: Bearer <JWT>` signed by the matching private key. */
export async function startJwtPeer(options: JwtPeerOptions): Promise<JwtPeer> {
  let key: Verifier | null = options.publicKey ? await importKey(options.publicKey) : null;
  const peer = await listenOnLoopback((req, res) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (!token) return sendJson(res, 401, { error: "missing bearer token" });
    if (!key) return sendJson(res, 401, { error: "no verifying key yet" });
    jwtVerify(token, key, {
      ...(options.issuer ? { issuer: options.issuer } : {}),
      ...(options.audience ? { audience: options.audience } : {}),
    }).then(
      ({ payload, protectedHeader }) =>
        sendJson(res, 200, { verified: true, alg: protectedHeader.alg, claims: payload }),
      (error: Error) => sendJson(res, 401, { error: "invalid token", reason: error.message }),
    );
  });
  return {
    ...peer,
    async trust(publicKey) {
      key = await importKey(publicKey);
    },
  };
}
