import { importJWK, importSPKI, jwtVerify, type JWK } from "jose";
import { listenOnLoopback, sendJson, type Peer } from "./listen";

export type JwtPeerOptions = {
  /** The verifying key as the console shows it: SPKI PEM or JWK (with `alg`). */
  publicKey: { pem: string; algorithm: string } | { jwk: JWK };
  issuer?: string;
  audience?: string;
};

/** An API that accepts only `Authorization: Bearer <JWT>` signed by the matching private key. */
export async function startJwtPeer(options: JwtPeerOptions): Promise<Peer> {
  const key =
    "pem" in options.publicKey
      ? await importSPKI(options.publicKey.pem, options.publicKey.algorithm)
      : await importJWK(options.publicKey.jwk);
  return listenOnLoopback((req, res) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (!token) return sendJson(res, 401, { error: "missing bearer token" });
    jwtVerify(token, key, {
      ...(options.issuer ? { issuer: options.issuer } : {}),
      ...(options.audience ? { audience: options.audience } : {}),
    }).then(
      ({ payload, protectedHeader }) =>
        sendJson(res, 200, { verified: true, alg: protectedHeader.alg, claims: payload }),
      (error: Error) => sendJson(res, 401, { error: "invalid token", reason: error.message }),
    );
  });
}
