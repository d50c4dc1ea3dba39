import "server-only";
import { generateKeyPair, inspectPrivateKey, obtainJwt } from "../key-pair";
import { withHeader } from "../types";
import { parseCustomClaims } from "./key-pair";
import { invalid, type FieldErrors, type ServerKind } from "./server-kind";

export const keyPairServer: ServerKind<"key_pair"> = {
  /** The private key is pasted, generated here, or kept; it is checked against the algorithm every time. */
  async plan(values, existing) {
    const errors: FieldErrors = {};
    const claims = parseCustomClaims(values.customClaims);
    if ("error" in claims) errors.customClaims = claims.error;
    let pem = values.privateKeyPem?.trim() ?? "";
    let typedOrGenerated = pem !== "";
    if (values.generateKey) {
      pem = generateKeyPair(values.algorithm).privateKeyPem;
      typedOrGenerated = true;
    } else if (!pem && existing.has("privateKeyPem")) {
      pem = existing.reveal("privateKeyPem"); // re-checked in case the algorithm changed
    }
    if (!pem) invalid({ ...errors, privateKeyPem: "Paste the private key, or generate a new key pair." });
    const inspected = await inspectPrivateKey(pem, values.algorithm);
    if (!inspected.ok) errors[typedOrGenerated ? "privateKeyPem" : "algorithm"] = inspected.message;
    if (Object.keys(errors).length || !inspected.ok || "error" in claims) invalid(errors);
    const { publicKeyPem, publicJwk, thumbprint } = inspected.info;
    return {
      type: "key_pair",
      config: {
        algorithm: values.algorithm,
        issuer: values.issuer,
        subject: values.subject,
        audience: values.audience,
        customClaims: claims.claims,
        lifetimeSeconds: values.lifetimeSeconds,
        // Empty means "the current key's thumbprint", resolved at signing time, so a new key pair
        // never leaves JWTs carrying the previous key's kid.
        keyId: values.keyId.trim() === thumbprint ? "" : values.keyId.trim(),
        publicKeyPem,
        publicJwk,
      },
      newSecrets: typedOrGenerated ? { privateKeyPem: pem } : ({} as Record<string, string>),
      keep: typedOrGenerated ? [] : ["privateKeyPem"],
    };
  },

  async apply(credential, request, deps) {
    const { minted, cached } = await obtainJwt(credential, deps);
    return {
      ok: true,
      request: { ...request, headers: withHeader(request.headers, "Authorization", `Bearer ${minted.jwt}`) },
      warnings: [],
      derivedSecrets: [minted.jwt],
      jwt: { minted, cached },
    };
  },

  testDetails(applied) {
    if (!applied.jwt) return {};
    const { header, claims, expiresAt } = applied.jwt.minted;
    return {
      jwt: { header, claims, expiresAt: new Date(expiresAt).toISOString(), cached: applied.jwt.cached },
    };
  },

  /** Custom claims are edited as JSON text; the public key is shown for the verifying system. */
  editValues({ publicKeyPem, publicJwk, customClaims, ...config }, name, isSet) {
    return {
      values: {
        type: "key_pair",
        name,
        ...config,
        // Records saved before "empty means the thumbprint" carry it written out: show it as empty.
        keyId: config.keyId === publicJwk.kid ? "" : config.keyId,
        customClaims: Object.keys(customClaims).length ? JSON.stringify(customClaims, null, 2) : "",
        privateKeyPem: "",
        generateKey: false,
      },
      secretsSet: { privateKeyPem: isSet("privateKeyPem") },
      publicKey: { pem: publicKeyPem, jwk: publicJwk },
    };
  },
};
