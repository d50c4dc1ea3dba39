import { describe, expect, it } from "vitest";
import { DomainError } from "../result";
import { generateKeyPair } from "./key-pair";
import { planStorage, type ExistingSecrets } from "./storage-mapping";

const stored = (values: Record<string, string>): ExistingSecrets => ({
  has: (f) => f in values,
  reveal: (f) => values[f],
});

async function fieldErrors(promise: Promise<unknown>): Promise<Record<string, string> | undefined> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.fieldErrors;
    throw error;
  }
  return undefined;
}

describe("planStorage", () => {
  const oauth = {
    type: "oauth_client_credentials" as const,
    name: "O",
    identityUrl: "https://idp.example/t",
    clientId: "c",
    scope: "",
    scheme: "body" as const,
  };

  it("separates settings from secrets", async () => {
    const plan = await planStorage({ ...oauth, clientSecret: "s" });
    expect(plan).toEqual({
      type: "oauth_client_credentials",
      config: { identityUrl: "https://idp.example/t", clientId: "c", scope: "", scheme: "body" },
      newSecrets: { clientSecret: "s" },
      keep: [],
    });
  });

  it("keeps a stored secret left empty, and refuses when there is none", async () => {
    expect(await planStorage({ ...oauth, clientSecret: "" }, stored({ clientSecret: "x" }))).toMatchObject({
      newSecrets: {},
      keep: ["clientSecret"],
    });
    expect(await fieldErrors(planStorage({ ...oauth, clientSecret: "" }))).toEqual({
      clientSecret: "Enter the client secret.",
    });
  });

  it("AWS session token: replace, keep or clear", async () => {
    const aws = {
      type: "aws_signed_request" as const,
      name: "A",
      accessKeyId: "AK",
      service: "s3",
      region: "eu-west-1",
      signQuery: false,
      secretAccessKey: "",
    };
    const existing = stored({ secretAccessKey: "k", sessionToken: "t" });
    expect((await planStorage(aws, existing)).keep).toEqual(["secretAccessKey", "sessionToken"]);
    expect((await planStorage({ ...aws, clearSessionToken: true }, existing)).keep).toEqual([
      "secretAccessKey",
    ]);
    expect((await planStorage({ ...aws, sessionToken: "new" }, existing)).newSecrets).toEqual({
      sessionToken: "new",
    });
  });

  it("custom headers: secret values by header name; renamed secret headers need a value", async () => {
    const values = {
      type: "custom_headers" as const,
      name: "H",
      headers: [
        { name: "X-Key", value: "", secret: true },
        { name: "X-Plain", value: "p", secret: false },
      ],
    };
    const plan = await planStorage(values, stored({ "header:x-key": "v" }));
    expect(plan).toMatchObject({
      config: {
        headers: [
          { name: "X-Key", value: "", secret: true },
          { name: "X-Plain", value: "p", secret: false },
        ],
      },
      keep: ["header:x-key"],
    });
    const renamed = { ...values, headers: [{ name: "X-Other", value: "", secret: true }] };
    expect(await fieldErrors(planStorage(renamed, stored({ "header:x-key": "v" })))).toEqual({
      "headers.0.value": "Enter a value.",
    });
  });

  it("key-pair: derives the public key, generates on request, re-checks the stored key when the algorithm changes", async () => {
    const base = {
      type: "key_pair" as const,
      name: "K",
      issuer: "",
      subject: "",
      audience: "",
      customClaims: "",
      lifetimeSeconds: 60,
      keyId: "",
    };
    const generated = await planStorage({ ...base, algorithm: "EdDSA", generateKey: true });
    expect(generated.newSecrets.privateKeyPem).toMatch(/BEGIN PRIVATE KEY/);
    expect(generated.config).toMatchObject({ publicJwk: { kty: "OKP", crv: "Ed25519", alg: "EdDSA" } });
    const ec = generateKeyPair("ES256").privateKeyPem;
    expect(
      await fieldErrors(
        planStorage({ ...base, algorithm: "RS256", privateKeyPem: "" }, stored({ privateKeyPem: ec })),
      ),
    ).toEqual({ algorithm: expect.stringMatching(/needs an RSA private key/) });
    expect(
      await planStorage({ ...base, algorithm: "ES256", privateKeyPem: "" }, stored({ privateKeyPem: ec })),
    ).toMatchObject({ keep: ["privateKeyPem"], newSecrets: {} });
  });
});
